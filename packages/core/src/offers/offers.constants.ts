/** Choice lists of offers (term sheets). Browser-safe. */
export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'superseded'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
