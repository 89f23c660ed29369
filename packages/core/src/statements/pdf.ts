/**
 * Servicing PDFs with pdfkit and the embedded DejaVu fonts (as the term sheet): the monthly
 * statement and the payoff letter. Each renders to a Buffer (a few pages at most).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { Balances, StatementData } from './statement.ts';

const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');
const cap = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const money = (value: string) => {
  const negative = value.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? value.slice(1) : value).split('.');
  return `${negative ? '−' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.padEnd(2, '0')}`;
};

export function servicingPdf(title: string, author: string) {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 50,
    info: { Title: cap(title, 100), Author: cap(author, 80), Creator: 'Lending OS' },
  });
  doc.registerFont('Body', path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('Bold', path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 30;
  const heading = (text: string) => {
    if (doc.y > bottom() - 40) doc.addPage();
    doc.moveDown(0.8);
    doc.font('Bold').fontSize(12).fillColor('#1c2a4a').text(text, left, doc.y, { width });
    const y = doc.y + 2;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.7)
      .strokeColor('#9aa5b8')
      .stroke();
    doc.moveDown(0.5);
  };
  /** A table: columns as fractions of the width; numeric columns right-aligned. */
  const table = (columns: { title: string; share: number; right?: boolean }[], rows: string[][]) => {
    const draw = (cells: string[], bold: boolean) => {
      if (doc.y > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      let lowest = y;
      doc
        .font(bold ? 'Bold' : 'Body')
        .fontSize(8.5)
        .fillColor(bold ? '#4a5568' : '#111111');
      columns.forEach((c, i) => {
        const w = c.share * width;
        doc.text(cap(cells[i] ?? '', 90), x + 2, y, { width: w - 4, align: c.right ? 'right' : 'left' });
        lowest = Math.max(lowest, doc.y);
        x += w;
      });
      doc.y = lowest + 3;
    };
    draw(
      columns.map((c) => c.title),
      true,
    );
    for (const row of rows) draw(row, false);
  };
  const rows = (items: [string, string][]) => {
    for (const [label, value] of items) {
      if (doc.y > bottom()) doc.addPage();
      const y = doc.y;
      doc.font('Body').fontSize(10).fillColor('#4a5568').text(cap(label, 80), left, y, { width: 220 });
      const after = doc.y;
      doc
        .font('Bold')
        .fillColor('#111111')
        .text(cap(value), left + 230, y, { width: width - 230 });
      doc.y = Math.max(after, doc.y) + 3;
    }
  };
  return { doc, left, width, heading, table, rows, money, finished };
}

const balanceCells = (b: Balances) => [b.principal, b.interest, b.interestPaidAhead, b.fees, b.total];

export async function renderStatementPdf(s: StatementData): Promise<Buffer> {
  const p = servicingPdf(`Statement ${s.loanReference} ${s.month}`, s.organizationName);
  const { doc, left, width } = p;
  doc.font('Bold').fontSize(20).fillColor('#1c2a4a').text('Loan statement', left, 50, { width });
  doc.font('Body').fontSize(10).fillColor('#4a5568');
  doc.text(cap(s.organizationName), { width });
  doc.text(`${s.loanReference} · ${cap(s.borrowerName, 80)} · ${s.periodStart} to ${s.periodEnd}`, { width });

  p.heading('Balances');
  p.table(
    [
      { title: '', share: 0.24 },
      { title: 'Principal', share: 0.16, right: true },
      { title: 'Interest', share: 0.15, right: true },
      { title: 'Paid ahead', share: 0.15, right: true },
      { title: 'Fees', share: 0.14, right: true },
      { title: 'Total', share: 0.16, right: true },
    ],
    [
      [`Opening, start of ${s.periodStart}`, ...balanceCells(s.opening).map(p.money)],
      [`Closing, end of ${s.periodEnd}`, ...balanceCells(s.closing).map(p.money)],
    ],
  );

  p.heading('Activity this month');
  if (s.activity.length === 0)
    doc.font('Body').fontSize(10).fillColor('#111111').text('No activity this month.', left, doc.y);
  else
    p.table(
      [
        { title: 'Date', share: 0.13 },
        { title: 'Type', share: 0.12 },
        { title: 'Description', share: 0.31 },
        { title: 'Amount', share: 0.11, right: true },
        { title: 'Principal', share: 0.11, right: true },
        { title: 'Interest', share: 0.11, right: true },
        { title: 'Fees', share: 0.11, right: true },
      ],
      s.activity.map((a) => [
        a.date,
        a.kind,
        a.description,
        ...[a.amount, a.principal, a.interest, a.fees].map(p.money),
      ]),
    );
  p.rows([
    ['Payments received', p.money(s.totals.payments)],
    ['Disbursements and draws', p.money(s.totals.draws)],
    ['Fees charged', p.money(s.totals.fees)],
    ['Interest charged', p.money(s.totals.interest)],
  ]);

  p.heading('Installments due this month');
  if (s.dueThisMonth.length === 0)
    doc.font('Body').fontSize(10).fillColor('#111111').text('None.', left, doc.y);
  else
    p.table(
      [
        { title: 'No.', share: 0.1 },
        { title: 'Due', share: 0.2 },
        { title: 'Principal', share: 0.23, right: true },
        { title: 'Interest', share: 0.23, right: true },
        { title: 'Total', share: 0.24, right: true },
      ],
      s.dueThisMonth.map((i) => [
        String(i.number),
        i.dueDate,
        ...[i.principal, i.interest, i.total].map(p.money),
      ]),
    );

  p.heading('Due next');
  if (s.nextDue)
    p.rows([
      ['Installment', `${s.nextDue.number}, due ${s.nextDue.dueDate}`],
      ['Principal', p.money(s.nextDue.principal)],
      ['Interest', p.money(s.nextDue.interest)],
      ['Amount due', p.money(s.nextDue.total)],
    ]);
  else doc.font('Body').fontSize(10).fillColor('#111111').text('Nothing further is scheduled.', left, doc.y);

  doc.moveDown(1.5);
  doc
    .font('Body')
    .fontSize(7.5)
    .fillColor('#6b7280')
    .text(
      'Balances are derived from the loan ledger: principal outstanding, interest accrued and unpaid, interest paid ahead (a credit, taken off the total), fees and charges outstanding. Generated by Lending OS.',
      left,
      doc.y,
      {
        width,
      },
    );
  doc.end();
  return p.finished;
}

export interface PayoffLetterData {
  organizationName: string;
  borrowerName: string;
  loanReference: string;
  issuedOn: string;
  quote: {
    asOf: string;
    principal: string;
    interest: string;
    fees: string;
    total: string;
    perDiem: string;
    goodThrough: string;
    /** Full-commitment loans: the commitment not drawn, cancelled at payoff (not owed). */
    undrawnCommitmentCancelled?: string;
  };
}

/** The payoff letter: servicing's payoff quote, on paper. */
export async function renderPayoffLetterPdf(d: PayoffLetterData): Promise<Buffer> {
  const p = servicingPdf(`Payoff letter ${d.loanReference} ${d.quote.asOf}`, d.organizationName);
  const { doc, left, width } = p;
  doc.font('Bold').fontSize(20).fillColor('#1c2a4a').text('Payoff letter', left, 50, { width });
  doc.font('Body').fontSize(10).fillColor('#4a5568');
  doc.text(cap(d.organizationName), { width });
  doc.text(`${d.loanReference} · ${cap(d.borrowerName, 80)} · issued ${d.issuedOn}`, { width });
  p.heading(`Amount to pay the loan off on ${d.quote.asOf}`);
  p.rows([
    ['Principal', p.money(d.quote.principal)],
    // The quote nets interest paid ahead against accrued interest: a negative figure is a credit.
    d.quote.interest.startsWith('-')
      ? ['Interest paid ahead (credit)', p.money(d.quote.interest)]
      : ['Accrued interest', p.money(d.quote.interest)],
    ['Fees and charges', p.money(d.quote.fees)],
    ['Total payoff amount', p.money(d.quote.total)],
  ]);
  const cancelled = d.quote.undrawnCommitmentCancelled;
  if (cancelled && cancelled !== '0.00') {
    p.heading('Undrawn commitment');
    p.rows([['Cancelled at payoff (not owed)', p.money(cancelled)]]);
    doc
      .font('Body')
      .fontSize(9)
      .fillColor('#111111')
      .text(
        'The commitment not drawn yet is cancelled when the loan is paid off: the principal above is ' +
          'what was disbursed and not repaid. Interest to the payoff date runs on the whole commitment, ' +
          'as the loan terms provide.',
        left,
        doc.y,
        { width },
      );
  }
  p.heading('If you pay later');
  p.rows([
    ['Interest per day (per diem)', p.money(d.quote.perDiem)],
    ['This quote is good through', d.quote.goodThrough],
  ]);
  doc.moveDown(1.5);
  doc
    .font('Body')
    .fontSize(9)
    .fillColor('#111111')
    .text(
      `Add the per diem for each day after ${d.quote.asOf} up to the day the funds arrive. ` +
        'Payments received after the good-through date need a new quote. Generated by Lending OS.',
      left,
      doc.y,
      { width },
    );
  doc.end();
  return p.finished;
}
