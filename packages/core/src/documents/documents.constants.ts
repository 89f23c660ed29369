/** Choice lists and limits of documents, shared by the database enums, the zod inputs and the portals. Browser-safe. */
export const DOCUMENT_KINDS = ['upload', 'term_sheet'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_STATUSES = ['uploaded', 'accepted', 'rejected'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
/** Where a checklist item stands for the borrower: what is still missing is `missing` or `rejected`. */
export const CHECKLIST_ITEM_STATUSES = ['missing', 'pending_review', 'accepted', 'rejected'] as const;
export type ChecklistItemStatus = (typeof CHECKLIST_ITEM_STATUSES)[number];
/** Documents outside the product's checklist ("anything else the lender asked for"). */
export const OTHER_CHECKLIST_KEY = 'other';
/** Photos for a construction draw request: the one key a funded application still takes (draws). */
export const DRAW_PHOTO_CHECKLIST_KEY = 'draw_photo';
/** The signed term sheet's checklist key (a `term_sheet` document; never uploaded). */
export const TERM_SHEET_CHECKLIST_KEY = 'signed_term_sheet';
/** Display names are cut to this length (after cleaning); the stored bytes never depend on it. */
export const DOCUMENT_FILE_NAME_MAX_LENGTH = 120;
export const REVIEW_REASON_MAX_LENGTH = 500;
