/** Reading and checking an uploaded staff CSV (UTF-8, headers in Vietnamese or English), before any database work. */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { foldForSearch } from "~/platform/text";
import { toCsv } from "~/platform/csv.server";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

/** A message key and its values: "staffAdmin.import.errors.<code>". */
export type ImportProblem = { row: number | null; code: string; params?: Record<string, string | number> };

type Column = "email" | "fullName" | "staffNumber" | "orgUnit" | "jobTitle" | "roles";

// Header names are compared folded (lower case, no diacritics, "_"/"-" as spaces): "Họ và tên" = "ho va ten".
const HEADERS: Record<Column, string[]> = {
  email: ["email", "e mail", "email address", "dia chi email", "thu dien tu"],
  fullName: ["full name", "name", "ho va ten", "ho ten"],
  staffNumber: ["staff number", "staff no", "staff id", "employee number", "ma can bo", "ma nhan vien", "so hieu"],
  orgUnit: ["org unit code", "org unit", "unit code", "unit", "ma don vi", "don vi"],
  jobTitle: ["job title", "title", "position", "chuc danh", "chuc vu"],
  roles: ["roles", "role", "vai tro"],
};
const REQUIRED: Column[] = ["email", "fullName", "orgUnit"];

const ROLE_NAMES: Record<string, Role> = {
  learner: "learner",
  "hoc vien": "learner",
  trainer: "trainer",
  "giang vien": "trainer",
  hr: "hr",
  "nhan su": "hr",
  manager: "manager",
  "quan ly": "manager",
  "quan ly don vi": "manager",
  admin: "admin",
  "quan tri": "admin",
  "quan tri vien": "admin",
};

/** One person as the file says; staffNumber/jobTitle undefined = column absent (left as is), roles null = keep. */
export type ImportRow = {
  row: number;
  email: string;
  fullName: string;
  staffNumber?: string | null;
  jobTitle?: string | null;
  orgUnitCode: string;
  roles: Role[] | null;
};

export type ParsedFile = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

const emailSchema = z.email();
const fold = (s: string) => foldForSearch(s.replace(/[_-]/g, " "));

/** Text from the uploaded bytes: refuses binary files and anything that is not UTF-8 (Excel's "CSV UTF-8"). */
function decode(bytes: Uint8Array): string | ImportProblem {
  if (bytes.length === 0) return { row: null, code: "empty" };
  if (bytes.length > IMPORT_MAX_BYTES) return { row: null, code: "tooLarge", params: { mb: 5 } };
  // Excel's "Unicode Text" is UTF-16: full of NUL bytes, yet text, so say how to save it rather than "binary".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { row: null, code: "utf16" };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { row: null, code: "notCsv" };
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { row: null, code: "encoding" };
  }
}

function splitRoles(cell: string): { roles: Role[] | null; unknown: string | null } {
  const names = cell
    .split(/[|,;/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return { roles: null, unknown: null };
  const roles = new Set<Role>();
  for (const name of names) {
    const role = ROLE_NAMES[fold(name)];
    if (!role) return { roles: null, unknown: name };
    roles.add(role);
  }
  return { roles: [...roles].sort(), unknown: null };
}

/** Reads and checks a staff CSV (UTF-8 with or without BOM, comma or semicolon): rows, or every problem found. */
export function parseStaffCsv(bytes: Uint8Array, unitCodes: ReadonlySet<string>): ParsedFile {
  const text = decode(bytes);
  if (typeof text !== "string") return { ok: false, problems: [text] };
  // A NUL past the first 8 KB is no CSV either (and PostgreSQL would refuse it in any text column).
  if (text.includes("\0")) return { ok: false, problems: [{ row: null, code: "notCsv" }] };
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      // Excel writes ";;;;;" for rows that only look empty.
      skip_records_with_empty_values: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problems: [{ row: typeof line === "number" ? line : null, code: "malformed" }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: null, code: "empty" }] };
  const header = records[0]!.record.map(fold);
  const index = {} as Record<Column, number>;
  for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
    index[column] = header.findIndex((h) => names.includes(h));
  }
  const missing = REQUIRED.filter((c) => index[c] < 0);
  if (missing.length) {
    return { ok: false, problems: missing.map((c) => ({ row: 1, code: "missingColumn", params: { column: HEADERS[c][0]! } })) };
  }
  const dataRecords = records.slice(1);
  if (dataRecords.length === 0) return { ok: false, problems: [{ row: null, code: "noRows" }] };
  if (dataRecords.length > IMPORT_MAX_ROWS) return { ok: false, problems: [{ row: null, code: "tooManyRows", params: { max: IMPORT_MAX_ROWS } }] };

  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const seenEmails = new Map<string, number>();
  const seenNumbers = new Map<string, number>();
  for (const { record, info } of dataRecords) {
    const row = info.lines;
    const cell = (c: Column) => (index[c] >= 0 ? (record[index[c]] ?? "").normalize("NFC").trim() : undefined);
    const email = cell("email")!;
    const fullName = cell("fullName")!;
    const orgUnitCode = cell("orgUnit")!;
    const staffNumber = cell("staffNumber");
    const jobTitle = cell("jobTitle");
    const before = problems.length;
    if (!email) problems.push({ row, code: "emailMissing" });
    else if (email.length > 254 || !emailSchema.safeParse(email).success) problems.push({ row, code: "emailInvalid", params: { value: email } });
    else {
      const key = email.toLowerCase();
      const first = seenEmails.get(key);
      if (first !== undefined) problems.push({ row, code: "duplicateEmail", params: { value: email, first } });
      else seenEmails.set(key, row);
    }
    if (!fullName) problems.push({ row, code: "nameMissing" });
    else if (fullName.length > 200) problems.push({ row, code: "tooLong", params: { column: HEADERS.fullName[0]!, max: 200 } });
    if (!orgUnitCode) problems.push({ row, code: "unitMissing" });
    else if (!unitCodes.has(orgUnitCode.toUpperCase())) problems.push({ row, code: "unknownUnit", params: { value: orgUnitCode } });
    if (staffNumber && staffNumber.length > 50) problems.push({ row, code: "tooLong", params: { column: HEADERS.staffNumber[0]!, max: 50 } });
    if (staffNumber) {
      const first = seenNumbers.get(staffNumber);
      if (first !== undefined) problems.push({ row, code: "duplicateStaffNumber", params: { value: staffNumber, first } });
      else seenNumbers.set(staffNumber, row);
    }
    if (jobTitle && jobTitle.length > 200) problems.push({ row, code: "tooLong", params: { column: HEADERS.jobTitle[0]!, max: 200 } });
    const { roles, unknown } = splitRoles(cell("roles") ?? "");
    if (unknown) problems.push({ row, code: "unknownRole", params: { value: unknown } });
    if (problems.length > before) continue;
    rows.push({
      row,
      email,
      fullName,
      staffNumber: staffNumber === undefined ? undefined : staffNumber || null,
      jobTitle: jobTitle === undefined ? undefined : jobTitle || null,
      orgUnitCode: orgUnitCode.toUpperCase(),
      roles,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/**
 * A CSV to start from, in the admin's language: the column names the import reads, and two example rows with unit
 * codes that exist (so that checking the untouched template reports two new people, not errors).
 */
export function importTemplate(lang: "vi" | "en", unitCodes: string[]) {
  const [first = "TV-01", second = first] = unitCodes;
  const header =
    lang === "vi"
      ? ["email", "họ và tên", "mã cán bộ", "mã đơn vị", "chức danh", "vai trò"]
      : ["email", "full name", "staff number", "org unit code", "job title", "roles"];
  const rows =
    lang === "vi"
      ? [
          ["nguyen.van.an@thuvien.example.vn", "Nguyễn Văn An", "CB0001", first, "Thư viện viên", "học viên"],
          ["tran.thi.binh@thuvien.example.vn", "Trần Thị Bình", "CB0002", second, "Trưởng phòng", "học viên|giảng viên"],
        ]
      : [
          ["nguyen.van.an@library.example.org", "Nguyễn Văn An", "CB0001", first, "Librarian", "learner"],
          ["tran.thi.binh@library.example.org", "Trần Thị Bình", "CB0002", second, "Head of department", "learner|trainer"],
        ];
  return toCsv(header, rows);
}
