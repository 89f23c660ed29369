import {
  BOARDING_COLUMNS,
  BOARDING_FIELDS,
  BOARDING_MAX_BYTES,
  BOARDING_MAX_REPORTED,
  BOARDING_MAX_ROWS,
  boardingTemplateCsv,
} from '@lending/core/inputs';
import {
  notifyError,
  PageHeader,
  useActiveOrganization,
  useApiHeaders,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import Papa from 'papaparse';
import { useState } from 'react';
import { Link } from 'react-router';

interface Problem {
  line: number;
  field: string;
  message: string;
}
interface BoardedLoan {
  line: number;
  loanId: string;
  number: number;
  externalId: string;
}
type Outcome =
  | { kind: 'boarded'; loans: BoardedLoan[] }
  | { kind: 'refused'; error: string; problems: Problem[] }
  | null;
interface Preview {
  rows: number;
  missing: string[];
  sample: Record<string, string>[];
}

const reference = (n: number) => `L-${String(n).padStart(6, '0')}`;
const MAX_MB = BOARDING_MAX_BYTES / 1024 / 1024;

function downloadTemplate() {
  const href = URL.createObjectURL(new Blob([boardingTemplateCsv()], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = 'loans-template.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Reads the file in the browser: how many loans it holds, and whether the header names every column. */
function previewOf(file: File): Promise<Preview> {
  return new Promise((resolve, reject) => {
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim().toLowerCase(),
      complete: (result) => {
        const header = result.meta.fields ?? [];
        resolve({
          rows: result.data.length,
          missing: BOARDING_FIELDS.filter((f) => !header.includes(f)),
          sample: result.data.slice(0, 5),
        });
      },
      error: (error) => reject(error),
    });
  });
}

/** POSTs the file as the raw body (the API streams it) and returns the answer's JSON. */
async function boardFile(file: File, headers: Record<string, string>) {
  const response = await fetch('/api/boarding', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: file,
  });
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    throw new Error(
      response.status >= 500
        ? 'The service is unavailable, try again in a moment.'
        : `The import failed (${response.status}).`,
    );
  }
  return { status: response.status, body: body as Record<string, unknown> };
}

function ColumnsTable() {
  const isPhone = useIsPhone();
  if (isPhone)
    return (
      <Stack gap="xs" component="ul" aria-label="Columns" p={0} style={{ listStyle: 'none' }}>
        {BOARDING_FIELDS.map((f) => (
          <li key={f}>
            <Code>{f}</Code>
            <Text size="sm">{BOARDING_COLUMNS[f].what}</Text>
            <Text size="xs" c="dimmed">
              For example {BOARDING_COLUMNS[f].example}
            </Text>
          </li>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped aria-label="Columns" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>Column</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th w={190}>Example</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {BOARDING_FIELDS.map((f) => (
            <Table.Tr key={f}>
              <Table.Td>
                <Code>{f}</Code>
              </Table.Td>
              <Table.Td>{BOARDING_COLUMNS[f].what}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{BOARDING_COLUMNS[f].example}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProblemsTable({ problems }: { problems: Problem[] }) {
  const isPhone = useIsPhone();
  if (isPhone)
    return (
      <Stack gap="xs" aria-label="Problems">
        {problems.map((p) => (
          <Card key={`${p.line}-${p.field}`} withBorder padding="xs">
            <Text size="sm" fw={600}>
              Line {p.line} · {p.field}
            </Text>
            <Text size="sm">{p.message}</Text>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table striped aria-label="Problems" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>Line</Table.Th>
          <Table.Th w={190}>Field</Table.Th>
          <Table.Th>Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {problems.map((p) => (
          <Table.Tr key={`${p.line}-${p.field}`}>
            <Table.Td>{p.line}</Table.Td>
            <Table.Td>
              <Code>{p.field}</Code>
            </Table.Td>
            <Table.Td>{p.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** `/loans/import`: boards existing loans from a CSV file, all or nothing (admins: the API's rule). */
export default function BoardingPage() {
  const active = useActiveOrganization();
  const headers = useApiHeaders();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = active.role === 'admin';
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setOutcome(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > BOARDING_MAX_BYTES) {
      setFileError(`The file is too large: at most ${MAX_MB} MB.`);
      return;
    }
    try {
      const p = await previewOf(chosen);
      setPreview(p);
      if (p.missing.length > 0)
        setFileError(`The header row is missing ${p.missing.join(', ')}. Start from the template.`);
      else if (p.rows === 0) setFileError('The file has no loans after the header row.');
      else if (p.rows > BOARDING_MAX_ROWS)
        setFileError(`The file has ${p.rows} loans: at most ${BOARDING_MAX_ROWS} per file, split it.`);
    } catch {
      setFileError('The file could not be read as CSV.');
    }
  };

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const { status, body } = await boardFile(file, await headers());
      if (status === 201) {
        setOutcome({ kind: 'boarded', loans: (body.loans as BoardedLoan[]) ?? [] });
        await queryClient.invalidateQueries({ queryKey: trpc.portfolio.pathKey() });
      } else
        setOutcome({
          kind: 'refused',
          error: typeof body.error === 'string' ? body.error : `The import failed (${status}).`,
          problems: Array.isArray(body.problems) ? (body.problems as Problem[]) : [],
        });
    } catch (error) {
      notifyError(error, 'The file could not be imported');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Import loans"
        description="Board loans from your previous system: one CSV row per loan, with the payments made so far."
        actions={
          <Button variant="default" component={Link} to="/loans">
            Back to loans
          </Button>
        }
      />
      {!isAdmin ? (
        <Alert color="yellow" title="Only admins can import loans">
          Ask an admin of {active.organizationName} to import the file.
        </Alert>
      ) : null}

      <Card withBorder padding="md" component="section" aria-labelledby="file-format-title">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4" id="file-format-title">
            The file
          </Title>
          <Button variant="light" onClick={downloadTemplate}>
            Download template CSV
          </Button>
        </Group>
        <Text size="sm" mb="sm">
          UTF-8 CSV with a header row naming these columns (any order; other columns are ignored), at most{' '}
          {BOARDING_MAX_ROWS} loans and {MAX_MB} MB. Borrowers must already have access to your borrower
          portal, and each product must exist.
        </Text>
        <ColumnsTable />
      </Card>

      <Card withBorder padding="md" component="section" aria-labelledby="import-title">
        <Title order={2} size="h4" id="import-title" mb="sm">
          Import
        </Title>
        <Stack gap="sm">
          <Alert color="blue" title="All or nothing">
            Every row is checked first. If any row has a problem, no loan is imported: fix the rows listed and
            send the whole file again.
          </Alert>
          <FileInput
            label="CSV file"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            clearable
            value={file}
            onChange={choose}
            error={fileError}
            disabled={!isAdmin}
            w={{ base: '100%', sm: 420 }}
          />
          {preview && !fileError ? (
            <Text size="sm" role="status">
              {preview.rows} {preview.rows === 1 ? 'loan' : 'loans'} in {file?.name}
              {preview.sample[0]
                ? `, starting with ${preview.sample
                    .slice(0, 3)
                    .map((r) => r.external_id)
                    .join(', ')}`
                : ''}
              .
            </Text>
          ) : null}
          <Group>
            <Button
              onClick={submit}
              loading={busy}
              disabled={!isAdmin || !file || !preview || fileError !== null}
            >
              {preview && !fileError
                ? `Import ${preview.rows} ${preview.rows === 1 ? 'loan' : 'loans'}`
                : 'Import'}
            </Button>
          </Group>
        </Stack>
      </Card>

      {outcome?.kind === 'boarded' ? (
        <Card withBorder padding="md" component="section" aria-labelledby="boarded-title">
          <Title order={2} size="h4" id="boarded-title" mb="sm">
            {outcome.loans.length} {outcome.loans.length === 1 ? 'loan' : 'loans'} imported
          </Title>
          <Table striped aria-label="Imported loans" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th>Old id</Table.Th>
                <Table.Th>Loan</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcome.loans.map((l) => (
                <Table.Tr key={l.loanId}>
                  <Table.Td>{l.line}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{l.externalId}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/loans/${l.loanId}`}>
                      {reference(l.number)}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : outcome?.kind === 'refused' ? (
        <Card withBorder padding="md" component="section" aria-labelledby="problems-title">
          <Title order={2} size="h4" id="problems-title" mb="sm">
            Nothing was imported
          </Title>
          <Alert color="red" mb="sm">
            {outcome.error}
            {outcome.problems.length >= BOARDING_MAX_REPORTED
              ? ` The first ${BOARDING_MAX_REPORTED} are listed.`
              : ''}
          </Alert>
          {outcome.problems.length > 0 ? <ProblemsTable problems={outcome.problems} /> : null}
        </Card>
      ) : null}
    </Stack>
  );
}
