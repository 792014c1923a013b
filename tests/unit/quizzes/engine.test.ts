import { expect, test } from "vitest";
import type { QuestionSpec, QuizSpec } from "../../../app/content/schema";
import {
  type AnswerFields,
  type AttemptLayout,
  answerText,
  cleanAnswers,
  correctFields,
  drawLayout,
  gradeAttempt,
  mayShowAnswers,
  numericCandidates,
  questionCredit,
  unansweredCount,
} from "../../../app/quizzes/engine";
import { buildQuiz } from "../../support/quiz";

// The pure quiz engine, tested directly with explicit QuizSpec fixtures.

// --- fixtures -----------------------------------------------------------------------------------

type Q<T extends QuestionSpec["type"]> = Extract<QuestionSpec, { type: T }>;

let line = 10;
const base = (id: string, points = 1) => ({ id, points, prompt: `Câu ${id}`, promptHtml: `Câu ${id}`, explanation: `Giải thích ${id}`, line: line++ });

function single(id: string, options: { points?: number; correct?: string; choices?: string[] } = {}): Q<"single"> {
  const ids = options.choices ?? ["a", "b", "c"];
  const correct = options.correct ?? ids[0];
  return { ...base(id, options.points), type: "single", choices: ids.map((c) => ({ id: c, text: `Lựa chọn ${c}`, correct: c === correct })) };
}

function multiple(id: string, options: { points?: number; partialCredit?: boolean; correct?: string[]; choices?: string[] } = {}): Q<"multiple"> {
  const ids = options.choices ?? ["a", "b", "c", "d"];
  const correct = new Set(options.correct ?? ["a", "b", "d"]);
  return {
    ...base(id, options.points),
    type: "multiple",
    partialCredit: options.partialCredit ?? false,
    choices: ids.map((c) => ({ id: c, text: `Lựa chọn ${c}`, correct: correct.has(c) })),
  };
}

function trueFalse(id: string, answer: boolean, points?: number): Q<"true-false"> {
  return { ...base(id, points), type: "true-false", answer };
}

/** Pairs p1…pn with opaque right ids r1…rn (left "Trái i", right "Phải i"). */
function matching(id: string, count = 4, points?: number): Q<"matching"> {
  return {
    ...base(id, points),
    type: "matching",
    pairs: Array.from({ length: count }, (_, i) => ({ id: `p${i + 1}`, left: `Trái ${i + 1}`, right: `Phải ${i + 1}`, rightId: `r${i + 1}` })),
  };
}

function short(id: string, accept: string[], options: { ignoreCase?: boolean; ignoreDiacritics?: boolean; points?: number } = {}): Q<"short"> {
  return { ...base(id, options.points), type: "short", accept, ignoreCase: options.ignoreCase ?? false, ignoreDiacritics: options.ignoreDiacritics ?? false };
}

function numeric(id: string, answer: number, tolerance = 0, points?: number): Q<"numeric"> {
  return { ...base(id, points), type: "numeric", answer, tolerance };
}

/** Items i1…in in the correct order, with opaque public ids x1…xn. */
function ordering(id: string, count = 4, points?: number): Q<"ordering"> {
  return {
    ...base(id, points),
    type: "ordering",
    items: Array.from({ length: count }, (_, i) => ({ id: `i${i + 1}`, text: `Bước ${i + 1}`, publicId: `x${i + 1}` })),
  };
}

/** Every question of the quiz, in authored order (what drawLayout gives without pool/shuffle). */
const fullLayout = (spec: QuizSpec): AttemptLayout => drawLayout({ ...spec, pool: null, shuffle: false }, "fixed");

/** Grades the given answers for a one-question quiz and returns that question's grade. */
function gradeOne(question: QuestionSpec, fields: AnswerFields) {
  const spec = buildQuiz([question]);
  const grade = gradeAttempt(spec, fullLayout(spec), fields);
  return grade.questions[0]!;
}

/** What a browser form would send, cleaned the way the server does. */
function form(spec: QuizSpec, entries: [string, string][], layout = fullLayout(spec)) {
  return cleanAnswers(spec, layout, entries);
}

const t = (key: string) => `«${key}»`;

// --- grading per question type ------------------------------------------------------------------

test("single choice: the correct choice earns the points, any other earns 0", () => {
  const q = single("s", { points: 2, correct: "b" });
  expect(gradeOne(q, { "q:s": ["b"] })).toEqual({ id: "s", points: 2, maxPoints: 2, answered: true, status: "correct" });
  expect(gradeOne(q, { "q:s": ["a"] })).toEqual({ id: "s", points: 0, maxPoints: 2, answered: true, status: "incorrect" });
  expect(gradeOne(q, { "q:s": ["c"] })).toMatchObject({ points: 0, status: "incorrect" });
});

test("multiple choice without partial credit: exactly the correct set, else 0", () => {
  const q = multiple("m", { points: 3, correct: ["a", "b", "d"] });
  expect(gradeOne(q, { "q:m": ["a", "b", "d"] })).toMatchObject({ points: 3, status: "correct" });
  expect(gradeOne(q, { "q:m": ["d", "a", "b"] })).toMatchObject({ points: 3, status: "correct" });
  expect(gradeOne(q, { "q:m": ["a", "b"] })).toMatchObject({ points: 0, status: "incorrect" });
  expect(gradeOne(q, { "q:m": ["a", "b", "c", "d"] })).toMatchObject({ points: 0, status: "incorrect" });
  expect(gradeOne(q, { "q:m": ["c"] })).toMatchObject({ points: 0, status: "incorrect" });
});

test("multiple choice with partial credit: each right pick earns a share, each wrong pick takes one away", () => {
  const q = multiple("m", { points: 3, partialCredit: true, correct: ["a", "b", "d"] });
  expect(gradeOne(q, { "q:m": ["a", "b", "d"] })).toMatchObject({ points: 3, status: "correct" });
  expect(gradeOne(q, { "q:m": ["a", "b"] })).toMatchObject({ points: 2, status: "partial" });
  expect(gradeOne(q, { "q:m": ["a"] })).toMatchObject({ points: 1, status: "partial" });
  // A wrong pick reduces the credit…
  expect(gradeOne(q, { "q:m": ["a", "b", "d", "c"] })).toMatchObject({ points: 2, status: "partial" });
  expect(gradeOne(q, { "q:m": ["a", "b", "c"] })).toMatchObject({ points: 1, status: "partial" });
  // …but never below 0.
  expect(gradeOne(q, { "q:m": ["a", "c"] })).toMatchObject({ points: 0, status: "incorrect" });
  expect(gradeOne(q, { "q:m": ["c"] })).toMatchObject({ points: 0, status: "incorrect", answered: true });
  expect(questionCredit(q, { "q:m": ["c"] })).toBe(0);
  // Shares that do not divide evenly are rounded to cents.
  const two = multiple("m2", { points: 1, partialCredit: true, correct: ["a", "b", "d"] });
  expect(gradeOne(two, { "q:m2": ["a"] }).points).toBe(0.33);
  expect(gradeOne(two, { "q:m2": ["a", "b"] }).points).toBe(0.67);
});

test("true-false: the stated answer is right, the other is wrong", () => {
  expect(gradeOne(trueFalse("tf", true), { "q:tf": ["true"] })).toMatchObject({ points: 1, status: "correct" });
  expect(gradeOne(trueFalse("tf", true), { "q:tf": ["false"] })).toMatchObject({ points: 0, status: "incorrect" });
  expect(gradeOne(trueFalse("tf", false), { "q:tf": ["false"] })).toMatchObject({ points: 1, status: "correct" });
  expect(gradeOne(trueFalse("tf", false), { "q:tf": ["true"] })).toMatchObject({ points: 0, status: "incorrect" });
});

test("matching earns proportional credit per correctly matched pair", () => {
  const q = matching("mt", 4, 2);
  const all = { "q:mt:p1": ["r1"], "q:mt:p2": ["r2"], "q:mt:p3": ["r3"], "q:mt:p4": ["r4"] };
  expect(gradeOne(q, all)).toMatchObject({ points: 2, status: "correct" });
  expect(gradeOne(q, { ...all, "q:mt:p3": ["r4"], "q:mt:p4": ["r3"] })).toMatchObject({ points: 1, status: "partial" });
  expect(gradeOne(q, { ...all, "q:mt:p1": ["r2"] })).toMatchObject({ points: 1.5, status: "partial" });
  // Pairs left unanswered count as wrong: one right pair of four is a quarter.
  expect(gradeOne(q, { "q:mt:p1": ["r1"] })).toMatchObject({ points: 0.5, status: "partial", answered: true });
  expect(gradeOne(q, { "q:mt:p1": ["r2"], "q:mt:p2": ["r1"], "q:mt:p3": ["r4"], "q:mt:p4": ["r3"] })).toMatchObject({ points: 0, status: "incorrect" });
});

test("short answer: exact by default, with ignoreCase and ignoreDiacritics folding", () => {
  const accept = ["Trí tuệ nhân tạo"];
  const exact = short("sh", accept);
  expect(gradeOne(exact, { "q:sh": ["Trí tuệ nhân tạo"] }).status).toBe("correct");
  expect(gradeOne(exact, { "q:sh": ["  Trí   tuệ nhân  tạo "] }).status).toBe("correct"); // spacing is not an answer
  expect(gradeOne(exact, { "q:sh": ["trí tuệ nhân tạo"] }).status).toBe("incorrect");
  // Without ignoreDiacritics an unaccented answer is wrong, even with ignoreCase.
  expect(gradeOne(exact, { "q:sh": ["tri tue nhan tao"] }).status).toBe("incorrect");
  const caseless = short("sh", accept, { ignoreCase: true });
  expect(gradeOne(caseless, { "q:sh": ["TRÍ TUỆ NHÂN TẠO"] }).status).toBe("correct");
  expect(gradeOne(caseless, { "q:sh": ["tri tue nhan tao"] }).status).toBe("incorrect");

  const folded = short("sh", accept, { ignoreCase: true, ignoreDiacritics: true });
  expect(gradeOne(folded, { "q:sh": ["tri tue nhan tao"] }).status).toBe("correct");
  expect(gradeOne(folded, { "q:sh": ["Tri Tue Nhan Tao"] }).status).toBe("correct");
  expect(gradeOne(folded, { "q:sh": ["Trí tuệ nhân tạo"] }).status).toBe("correct");
  expect(gradeOne(folded, { "q:sh": ["tri tue"] }).status).toBe("incorrect");
  // đ folds to d.
  const decree = short("sh", ["Nghị định 13/2023/NĐ-CP"], { ignoreCase: true, ignoreDiacritics: true });
  expect(gradeOne(decree, { "q:sh": ["nghi dinh 13/2023/nd-cp"] }).status).toBe("correct");
  expect(gradeOne(decree, { "q:sh": ["nghi dinh 13/2024/nd-cp"] }).status).toBe("incorrect");
});

test("short answer: decomposed (NFD) input matches a composed answer key, directly and through cleanAnswers", () => {
  const nfd = "Trí tuệ".normalize("NFD");
  expect(nfd).not.toBe("Trí tuệ");
  for (const q of [short("sh", ["Trí tuệ"]), short("sh", ["Trí tuệ"], { ignoreCase: true }), short("sh", ["Trí tuệ"], { ignoreDiacritics: true, ignoreCase: true })]) {
    expect(gradeOne(q, { "q:sh": [nfd] }).status).toBe("correct");
    const spec = buildQuiz([q]);
    const cleaned = form(spec, [["q:sh", nfd]]);
    expect(cleaned).toEqual({ "q:sh": ["Trí tuệ"] }); // stored composed
    expect(gradeAttempt(spec, fullLayout(spec), cleaned).score).toBe(1);
  }
  // An answer key written decomposed matches composed input too.
  expect(gradeOne(short("sh", [nfd]), { "q:sh": ["Trí tuệ"] }).status).toBe("correct");
  // Several accepted answers: any one will do.
  const many = short("sh", ["DOI", "Digital Object Identifier"], { ignoreCase: true });
  expect(gradeOne(many, { "q:sh": ["digital object identifier"] }).status).toBe("correct");
  expect(gradeOne(many, { "q:sh": ["doi"] }).status).toBe("correct");
  expect(gradeOne(many, { "q:sh": ["ISBN"] }).status).toBe("incorrect");
});

test("numeric: tolerance is inclusive at both edges", () => {
  const q = numeric("n", 2.5, 0.1);
  for (const given of ["2.5", "2.4", "2.6", "2,4", "2,6", "2.45", "2,55"]) expect(gradeOne(q, { "q:n": [given] }).status, given).toBe("correct");
  for (const given of ["2.39", "2.61", "2,39", "2,61", "3", "-2.5"]) expect(gradeOne(q, { "q:n": [given] }).status, given).toBe("incorrect");
  const exact = numeric("n", 15);
  for (const given of ["15", " 15 ", "15.0", "15,0", "+15"]) expect(gradeOne(exact, { "q:n": [given] }).status, given).toBe("correct");
  for (const given of ["14", "16", "15.01", "150", "1.5"]) expect(gradeOne(exact, { "q:n": [given] }).status, given).toBe("incorrect");
  const negative = numeric("n", -3.5, 0);
  expect(gradeOne(negative, { "q:n": ["-3,5"] }).status).toBe("correct");
  expect(gradeOne(negative, { "q:n": ["3,5"] }).status).toBe("incorrect");
});

test("numeric: Vietnamese and English number formats are understood", () => {
  expect(numericCandidates("1,5")).toEqual([1.5]);
  expect(numericCandidates("25.000").sort((a, b) => a - b)).toEqual([25, 25000]);
  expect(numericCandidates("25,000").sort((a, b) => a - b)).toEqual([25, 25000]);
  expect(numericCandidates("90.000.000")).toEqual([90_000_000]);
  expect(numericCandidates("90,000,000")).toEqual([90_000_000]);
  expect(numericCandidates("1.234,5")).toEqual([1234.5]);
  expect(numericCandidates("1,234.5")).toEqual([1234.5]);
  expect(numericCandidates("25 000")).toEqual([25000]);
  expect(numericCandidates("25\u00a0000")).toEqual([25000]);
  expect(numericCandidates("-0,25")).toEqual([-0.25]);
  expect(numericCandidates("42")).toEqual([42]);

  expect(gradeOne(numeric("n", 1.5), { "q:n": ["1,5"] }).status).toBe("correct");
  expect(gradeOne(numeric("n", 25000), { "q:n": ["25.000"] }).status).toBe("correct");
  expect(gradeOne(numeric("n", 25000), { "q:n": ["25,000"] }).status).toBe("correct");
  expect(gradeOne(numeric("n", 25), { "q:n": ["25.000"] }).status).toBe("correct");
  expect(gradeOne(numeric("n", 90_000_000), { "q:n": ["90.000.000"] }).status).toBe("correct");
  expect(gradeOne(numeric("n", 90_000_000), { "q:n": ["90.000"] }).status).toBe("incorrect");
});

test("numeric: garbage is no number at all", () => {
  for (const garbage of ["", " ", "abc", "12abc", "1e3", "0x10", "NaN", "Infinity", "-Infinity", ".", ",", "+", "--1", "1..2", "1,2,3", "90.000.00", "½", "١٢", "1 2a", "9".repeat(400)]) {
    expect(numericCandidates(garbage), JSON.stringify(garbage.slice(0, 20))).toEqual([]);
  }
  const spec = buildQuiz([numeric("n", 15)]);
  // Garbage never reaches grading: cleanAnswers drops it, so the question stays unanswered.
  expect(form(spec, [["q:n", "mười lăm"]])).toEqual({});
  expect(gradeAttempt(spec, fullLayout(spec), form(spec, [["q:n", "NaN"]])).questions[0]).toMatchObject({ status: "unanswered", points: 0 });
  // Graded directly, it earns nothing.
  expect(gradeOne(numeric("n", 15), { "q:n": ["abc"] })).toMatchObject({ points: 0, status: "incorrect" });
});

test("ordering is all or nothing", () => {
  const q = ordering("o", 4, 2);
  const right = { "q:o:x1": ["1"], "q:o:x2": ["2"], "q:o:x3": ["3"], "q:o:x4": ["4"] };
  expect(gradeOne(q, right)).toMatchObject({ points: 2, status: "correct" });
  expect(gradeOne(q, { ...right, "q:o:x3": ["4"], "q:o:x4": ["3"] })).toMatchObject({ points: 0, status: "incorrect" });
  expect(gradeOne(q, { "q:o:x1": ["1"], "q:o:x2": ["2"], "q:o:x3": ["3"] })).toMatchObject({ points: 0, status: "incorrect", answered: true });
  expect(gradeOne(q, { "q:o:x1": ["1"], "q:o:x2": ["1"], "q:o:x3": ["1"], "q:o:x4": ["1"] })).toMatchObject({ points: 0, status: "incorrect" });
});

// --- whole attempts -------------------------------------------------------------------------------

test("percent and passed follow the pass mark, the boundary included", () => {
  const spec = buildQuiz([single("s"), trueFalse("tf", true), numeric("n", 15, 0, 2)], { passMark: 75 });
  const layout = fullLayout(spec);
  expect(gradeAttempt(spec, layout, { "q:s": ["a"], "q:tf": ["true"], "q:n": ["15"] })).toMatchObject({ score: 4, maxScore: 4, percent: 100, passed: true });
  expect(gradeAttempt(spec, layout, { "q:s": ["a"], "q:tf": ["false"], "q:n": ["15"] })).toMatchObject({ score: 3, maxScore: 4, percent: 75, passed: true });
  expect(gradeAttempt(spec, layout, { "q:s": ["a"], "q:tf": ["true"], "q:n": ["16"] })).toMatchObject({ score: 2, percent: 50, passed: false });
  expect(gradeAttempt({ ...spec, passMark: 75.01 }, layout, { "q:s": ["a"], "q:tf": ["false"], "q:n": ["15"] })).toMatchObject({ percent: 75, passed: false });
  expect(gradeAttempt({ ...spec, passMark: 0 }, layout, {})).toMatchObject({ score: 0, percent: 0, passed: true });
  // Percentages are rounded to two decimals.
  const thirds = buildQuiz([single("a"), single("b"), single("c")]);
  expect(gradeAttempt(thirds, fullLayout(thirds), { "q:a": ["a"] })).toMatchObject({ score: 1, maxScore: 3, percent: 33.33, passed: false });
});

test("only the attempt's questions count towards the score", () => {
  const spec = buildQuiz([single("s"), trueFalse("tf", true), numeric("n", 15)], { pool: 2 });
  const layout: AttemptLayout = { questions: [{ id: "s", options: ["a", "b", "c"] }, { id: "n", options: [] }] };
  const grade = gradeAttempt(spec, layout, { "q:s": ["a"], "q:tf": ["true"], "q:n": ["15"] });
  expect(grade).toMatchObject({ score: 2, maxScore: 2, percent: 100 });
  expect(grade.questions.map((q) => q.id)).toEqual(["s", "n"]);
});

test("unanswered questions get 0 points and the status unanswered", () => {
  const spec = buildQuiz([single("s"), multiple("m"), trueFalse("tf", false), matching("mt"), short("sh", ["x"]), numeric("n", 1), ordering("o")]);
  const layout = fullLayout(spec);
  const grade = gradeAttempt(spec, layout, {});
  expect(grade).toMatchObject({ score: 0, maxScore: 7, percent: 0, passed: false });
  expect(grade.questions).toHaveLength(7);
  for (const q of grade.questions) expect(q).toEqual({ id: q.id, points: 0, maxPoints: 1, answered: false, status: "unanswered" });
  expect(unansweredCount(spec, layout, {})).toBe(7);

  // One answered question; matching and ordering count as open until every part is answered.
  const partly = { "q:s": ["a"], "q:mt:p1": ["r1"], "q:o:x1": ["1"] };
  const graded = gradeAttempt(spec, layout, partly);
  expect(graded.questions.filter((q) => q.status === "unanswered").map((q) => q.id)).toEqual(["m", "tf", "sh", "n"]);
  expect(unansweredCount(spec, layout, partly)).toBe(6);
  expect(unansweredCount(spec, layout, { ...correctFieldsOf(spec) })).toBe(0);
});

// --- drawing the layout -------------------------------------------------------------------------

const drawFixture = buildQuiz(
  [single("q1", { choices: ["a", "b", "c", "d"] }), multiple("q2"), trueFalse("q3", true), matching("q4", 4), short("q5", ["x"]), numeric("q6", 1), ordering("q7", 5), single("q8"), trueFalse("q9", false), numeric("q10", 2)],
  { shuffle: true, pool: 6 },
);

test("drawLayout is deterministic for a seed", () => {
  for (const seed of ["a", "seed-1", crypto.randomUUID(), ""]) {
    expect(drawLayout(drawFixture, seed)).toEqual(drawLayout(drawFixture, seed));
  }
});

test("drawLayout differs across seeds", () => {
  const layouts = new Set(Array.from({ length: 50 }, (_, i) => JSON.stringify(drawLayout(drawFixture, `seed-${i}`))));
  expect(layouts.size).toBeGreaterThan(45);
  const questionSets = new Set(Array.from({ length: 50 }, (_, i) => drawLayout(drawFixture, `seed-${i}`).questions.map((q) => q.id).sort().join(",")));
  expect(questionSets.size).toBeGreaterThan(10);
  expect(JSON.stringify(drawLayout(drawFixture, "one"))).not.toBe(JSON.stringify(drawLayout(drawFixture, "two")));
});

test("drawLayout draws exactly `pool` distinct questions, or all of them without a pool", () => {
  const ids = new Set(drawFixture.questions.map((q) => q.id));
  for (let i = 0; i < 200; i++) {
    for (const pool of [1, 3, 6, 9]) {
      const drawn = drawLayout({ ...drawFixture, pool }, `s${i}`).questions.map((q) => q.id);
      expect(drawn).toHaveLength(pool);
      expect(new Set(drawn).size).toBe(pool);
      for (const id of drawn) expect(ids.has(id)).toBe(true);
    }
  }
  for (const pool of [null, 10, 50]) {
    expect(drawLayout({ ...drawFixture, pool }, "x").questions.map((q) => q.id).sort()).toEqual([...ids].sort());
  }
  // Over many seeds every question gets drawn sometimes.
  const seen = new Set(Array.from({ length: 100 }, (_, i) => drawLayout(drawFixture, `s${i}`).questions.map((q) => q.id)).flat());
  expect(seen).toEqual(ids);
});

test("drawLayout keeps the authored order of questions and choices when shuffle is off", () => {
  const authored = drawFixture.questions.map((q) => q.id);
  for (let i = 0; i < 100; i++) {
    const all = drawLayout({ ...drawFixture, shuffle: false, pool: null }, `s${i}`);
    expect(all.questions.map((q) => q.id)).toEqual(authored);
    expect(all.questions[0]!.options).toEqual(["a", "b", "c", "d"]);
    expect(all.questions[1]!.options).toEqual(["a", "b", "c", "d"]);
    expect(all.questions[2]!.options).toEqual([]);
    // A pool keeps the drawn questions in authored order too.
    const pooled = drawLayout({ ...drawFixture, shuffle: false, pool: 4 }, `s${i}`).questions.map((q) => q.id);
    expect(pooled).toEqual(authored.filter((id) => pooled.includes(id)));
  }
  // With shuffle on, the question order and the choice order vary.
  const orders = new Set(Array.from({ length: 50 }, (_, i) => drawLayout({ ...drawFixture, pool: null }, `s${i}`).questions.map((q) => q.id).join(",")));
  expect(orders.size).toBeGreaterThan(40);
  const choiceOrders = new Set(Array.from({ length: 50 }, (_, i) => drawLayout({ ...drawFixture, pool: null }, `s${i}`).questions.find((q) => q.id === "q1")!.options.join(",")));
  expect(choiceOrders.size).toBeGreaterThan(10);
});

test("drawLayout never shows ordering items or matching right sides in the correct order (200 seeds)", () => {
  for (const count of [2, 3, 4, 5]) {
    for (const shuffle of [true, false]) {
      const spec = buildQuiz([ordering("o", count), matching("mt", count)], { shuffle });
      const itemOrders = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const layout = drawLayout(spec, `seed-${count}-${i}`);
        const items = layout.questions.find((q) => q.id === "o")!.options;
        const rights = layout.questions.find((q) => q.id === "mt")!.options;
        const correctItems = Array.from({ length: count }, (_, k) => `x${k + 1}`);
        const correctRights = Array.from({ length: count }, (_, k) => `r${k + 1}`);
        expect(items).not.toEqual(correctItems);
        expect(rights).not.toEqual(correctRights);
        // Still a permutation of all of them.
        expect([...items].sort()).toEqual(correctItems);
        expect([...rights].sort()).toEqual(correctRights);
        itemOrders.add(items.join(","));
      }
      // Every wrong order can come up: all n! − 1 of them for small n, most of the 119 for five.
      const wrongOrders = { 2: 1, 3: 5, 4: 23, 5: 119 }[count]!;
      if (count < 5) expect(itemOrders.size).toBe(wrongOrders);
      else expect(itemOrders.size).toBeGreaterThan(60);
    }
  }
});

// --- cleaning what the browser sent ------------------------------------------------------------

const cleanFixture = buildQuiz([
  single("s"),
  multiple("m"),
  trueFalse("tf", true),
  matching("mt", 3),
  short("sh", ["Trí tuệ nhân tạo"], { ignoreCase: true, ignoreDiacritics: true }),
  numeric("n", 25000),
  ordering("o", 3),
]);

test("cleanAnswers keeps every valid field of every question type", () => {
  const body: [string, string][] = [
    ["q:s", "b"],
    ["q:m", "a"],
    ["q:m", "d"],
    ["q:tf", "false"],
    ["q:mt:p1", "r2"],
    ["q:mt:p2", "r1"],
    ["q:sh", "  tri tue nhan tao "],
    ["q:n", "25.000"],
    ["q:o:x1", "3"],
    ["q:o:x2", "1"],
    ["q:o:x3", "2"],
  ];
  expect(form(cleanFixture, body)).toEqual({
    "q:s": ["b"],
    "q:m": ["a", "d"],
    "q:tf": ["false"],
    "q:mt:p1": ["r2"],
    "q:mt:p2": ["r1"],
    "q:sh": ["tri tue nhan tao"],
    "q:n": ["25.000"],
    "q:o:x1": ["3"],
    "q:o:x2": ["1"],
    "q:o:x3": ["2"],
  });
});

test("cleanAnswers drops unknown question ids, unknown choice ids and malformed keys", () => {
  const body: [string, string][] = [
    ["q:nope", "a"],
    ["q:__proto__", "a"],
    ["q:constructor", "a"],
    ["intent", "quiz-submit"],
    ["attemptId", "x"],
    ["s", "a"],
    ["Q:s", "a"],
    ["q:s", "z"],
    ["q:s:a", "a"],
    ["q:s:", "a"],
    ["q:m", "zz"],
    ["q:m", "A"],
    ["q:tf", "yes"],
    ["q:tf", "TRUE"],
    ["q:tf:x", "true"],
    ["q:mt", "r1"],
    ["q:mt:p9", "r1"],
    ["q:mt:p1", "p1"],
    ["q:mt:p1", "r9"],
    ["q:mt:p1:extra", "r1"],
    ["q:sh:1", "Trí tuệ nhân tạo"],
    ["q:n", "abc"],
    ["q:n:1", "25000"],
    ["q:o", "1"],
    ["q:o:i1", "1"],
    ["q:o:x9", "1"],
    ["q:o:x1", "0"],
    ["q:o:x1", "4"],
    ["q:o:x1", "1.5"],
    ["q:o:x1", "-1"],
    ["q:o:x1", "abc"],
  ];
  expect(form(cleanFixture, body)).toEqual({});
  expect(Object.getPrototypeOf(form(cleanFixture, body))).toBe(Object.prototype);
});

test("cleanAnswers ignores File values", () => {
  const file = new File(["a"], "a.txt");
  expect(cleanAnswers(cleanFixture, fullLayout(cleanFixture), [["q:s", file], ["q:sh", file], ["q:tf", "true"]])).toEqual({ "q:tf": ["true"] });
});

test("cleanAnswers drops questions outside the attempt's layout", () => {
  const layout: AttemptLayout = { questions: [{ id: "s", options: ["a", "b", "c"] }, { id: "o", options: ["x3", "x1", "x2"] }] };
  const cleaned = cleanAnswers(cleanFixture, layout, [
    ["q:s", "a"],
    ["q:m", "a"],
    ["q:tf", "true"],
    ["q:mt:p1", "r1"],
    ["q:sh", "x"],
    ["q:n", "1"],
    ["q:o:x1", "1"],
  ]);
  expect(cleaned).toEqual({ "q:s": ["a"], "q:o:x1": ["1"] });
  // A layout naming a question the quiz does not have is harmless.
  expect(cleanAnswers(cleanFixture, { questions: [{ id: "ghost", options: [] }] }, [["q:ghost", "a"]])).toEqual({});
});

test("cleanAnswers drops empty and whitespace-only values", () => {
  expect(form(cleanFixture, [["q:s", ""], ["q:m", ""], ["q:sh", "   "], ["q:n", " \t\n"], ["q:tf", ""], ["q:mt:p1", ""], ["q:o:x1", " "]])).toEqual({});
  // An empty value does not erase an earlier answer either.
  expect(form(cleanFixture, [["q:sh", "đúng"], ["q:sh", ""]])).toEqual({ "q:sh": ["đúng"] });
});

test("cleanAnswers truncates over-long values to 500 characters", () => {
  const cleaned = form(cleanFixture, [["q:sh", "x".repeat(10_000)]]);
  expect(cleaned["q:sh"]![0]).toBe("x".repeat(500));
  expect(form(cleanFixture, [["q:sh", `   ${"y".repeat(600)}   `]])["q:sh"]![0]).toHaveLength(500);
  expect(form(cleanFixture, [["q:sh", "z".repeat(500)]])["q:sh"]![0]).toHaveLength(500);
  // Huge values for choice questions are simply not valid choices.
  expect(form(cleanFixture, [["q:s", "a".repeat(10_000)], ["q:n", "1".repeat(10_000)]])).toEqual({});
});

test("cleanAnswers dedupes repeated multiple-choice values and keeps only the last value of single fields", () => {
  expect(form(cleanFixture, [["q:m", "a"], ["q:m", "b"], ["q:m", "a"], ["q:m", " b "], ["q:m", "d"], ["q:m", "a"]])).toEqual({ "q:m": ["a", "b", "d"] });
  expect(
    form(cleanFixture, [
      ["q:s", "a"],
      ["q:s", "b"],
      ["q:tf", "true"],
      ["q:tf", "false"],
      ["q:sh", "một"],
      ["q:sh", "hai"],
      ["q:n", "1"],
      ["q:n", "2"],
      ["q:mt:p1", "r1"],
      ["q:mt:p1", "r3"],
      ["q:o:x1", "1"],
      ["q:o:x1", "2"],
      ["q:s", "nope"], // an invalid later value leaves the last valid one
    ]),
  ).toEqual({ "q:s": ["b"], "q:tf": ["false"], "q:sh": ["hai"], "q:n": ["2"], "q:mt:p1": ["r3"], "q:o:x1": ["2"] });
});

// --- feedback ----------------------------------------------------------------------------------

test("mayShowAnswers follows each setting", () => {
  const contexts = [
    { passed: false, attemptsLeft: null },
    { passed: false, attemptsLeft: 2 },
    { passed: false, attemptsLeft: 0 },
    { passed: true, attemptsLeft: null },
    { passed: true, attemptsLeft: 2 },
    { passed: true, attemptsLeft: 0 },
  ];
  const row = (showAnswers: QuizSpec["showAnswers"]) => contexts.map((c) => mayShowAnswers({ showAnswers }, c));
  expect(row("after-attempt")).toEqual([true, true, true, true, true, true]);
  expect(row("after-pass")).toEqual([false, false, false, true, true, true]);
  expect(row("after-last-attempt")).toEqual([false, false, true, true, true, true]);
  expect(row("never")).toEqual([false, false, false, false, false, false]);
});

const roundTripFixture = buildQuiz([
  single("s1", { correct: "c" }),
  single("s2", { points: 2.5, choices: ["x", "y"], correct: "y" }),
  multiple("m1", { correct: ["a", "b", "d"] }),
  multiple("m2", { partialCredit: true, correct: ["c"], points: 3 }),
  trueFalse("tf1", true),
  trueFalse("tf2", false, 0.5),
  matching("mt1", 2),
  matching("mt2", 6, 3),
  short("sh1", ["Trí tuệ nhân tạo", "AI"]),
  short("sh2", ["Nghị định 13/2023/NĐ-CP"], { ignoreCase: true, ignoreDiacritics: true }),
  short("sh3", ["  Thư   viện số "]),
  numeric("n1", 15),
  numeric("n2", 25000),
  numeric("n3", 1.5, 0),
  numeric("n4", -0.25, 0.01),
  numeric("n5", 90_000_000),
  numeric("n6", 1234.567),
  numeric("n7", 0.1 + 0.2),
  ordering("o1", 2),
  ordering("o2", 7, 2),
]);

function correctFieldsOf(spec: QuizSpec): AnswerFields {
  return Object.assign({}, ...spec.questions.map(correctFields));
}

test("grading correctFields of every question gives full marks", () => {
  const fields = correctFieldsOf(roundTripFixture);
  const grade = gradeAttempt(roundTripFixture, fullLayout(roundTripFixture), fields);
  expect(grade.questions.filter((q) => q.status !== "correct")).toEqual([]);
  const total = roundTripFixture.questions.reduce((s, q) => s + q.points, 0);
  expect(grade).toMatchObject({ score: total, maxScore: total, percent: 100, passed: true });
  for (const question of roundTripFixture.questions) expect(questionCredit(question, correctFields(question)), question.id).toBe(1);
});

test("correctFields survive cleanAnswers as a form body would send them, and still give full marks", () => {
  for (let i = 0; i < 20; i++) {
    const spec = { ...roundTripFixture, shuffle: true, pool: 12 };
    const layout = drawLayout(spec, `round-${i}`);
    const body = Object.entries(correctFieldsOf(spec)).flatMap(([key, values]) => values.map((v): [string, string] => [key, v]));
    const cleaned = cleanAnswers(spec, layout, body);
    const grade = gradeAttempt(spec, layout, cleaned);
    expect(grade.percent).toBe(100);
    expect(grade.questions).toHaveLength(12);
    expect(unansweredCount(spec, layout, cleaned)).toBe(0);
  }
});

test("answerText renders the correct answer of each type readably", () => {
  const text = (id: string) => {
    const question = roundTripFixture.questions.find((q) => q.id === id)!;
    return answerText(question, correctFields(question), t);
  };
  expect(text("s1")).toBe("Lựa chọn c");
  expect(text("m1")).toBe("Lựa chọn a; Lựa chọn b; Lựa chọn d");
  expect(text("tf1")).toBe("«quiz.trueLabel»");
  expect(text("tf2")).toBe("«quiz.falseLabel»");
  expect(text("mt1")).toBe("Trái 1 → Phải 1; Trái 2 → Phải 2");
  expect(text("sh1")).toBe("Trí tuệ nhân tạo");
  expect(text("n2")).toBe("25000");
  expect(text("o1")).toBe("Bước 1 → Bước 2");
  expect(text("o2")).toBe("Bước 1 → Bước 2 → Bước 3 → Bước 4 → Bước 5 → Bước 6 → Bước 7");
});

test("answerText renders a learner's answer, partial or empty", () => {
  const q = (id: string) => roundTripFixture.questions.find((x) => x.id === id)!;
  expect(answerText(q("m1"), { "q:m1": ["d", "c"] }, t)).toBe("Lựa chọn d; Lựa chọn c");
  expect(answerText(q("s1"), { "q:s1": ["zz"] }, t)).toBe("");
  expect(answerText(q("tf1"), {}, t)).toBe("");
  expect(answerText(q("mt1"), { "q:mt1:p2": ["r1"] }, t)).toBe("Trái 2 → Phải 1");
  expect(answerText(q("o2"), { "q:o2:x3": ["1"], "q:o2:x1": ["2"] }, t)).toBe("Bước 3 → Bước 1");
  expect(answerText(q("n1"), { "q:n1": ["15,0"] }, t)).toBe("15,0");
  for (const question of roundTripFixture.questions) expect(answerText(question, {}, t)).toBe("");
});

// --- storable values ---------------------------------------------------------------------------

test("cleanAnswers strips U+0000 and other control characters, which PostgreSQL jsonb cannot store", () => {
  expect(form(cleanFixture, [["q:sh", "a\u0000b\u0007c"]])).toEqual({ "q:sh": ["abc"] });
  expect(form(cleanFixture, [["q:sh", "\u0000"]])).toEqual({});
  expect(form(cleanFixture, [["q:sh", "x\u0000\u001f\u007f"]])).toEqual({ "q:sh": ["x"] });
  // Tabs and line breaks are whitespace like any other: the answer still grades.
  const cleaned = form(cleanFixture, [["q:sh", "Trí\ttuệ\r\nnhân tạo"]]);
  expect(gradeAttempt(cleanFixture, fullLayout(cleanFixture), cleaned).questions.find((q) => q.id === "sh")!.status).toBe("correct");
});

test("cleanAnswers never leaves a lone surrogate, even when truncating inside an emoji", () => {
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  for (const raw of [`${"a".repeat(499)}😀`, `${"a".repeat(499)}😀😀`, "😀".repeat(600), "x\ud83d", "\ude00y"]) {
    const value = form(cleanFixture, [["q:sh", raw]])["q:sh"]?.[0] ?? "";
    expect(value, JSON.stringify(raw.slice(-4))).not.toMatch(lone);
    expect([...value].length).toBeLessThanOrEqual(500);
  }
});

// --- regressions: defects found by these tests and fixed in engine.ts ------------------------------

test("ordering positions are canonical: '01' counts as 1, and '1.0', '+1', '0x1' or '1e0' are refused", () => {
  const spec = buildQuiz([ordering("o", 2)]);
  for (const first of ["01", "1.0", "+1", "0x1", "1e0"]) {
    const cleaned = form(spec, [["q:o:x1", first], ["q:o:x2", "2"]]);
    expect(cleaned["q:o:x1"] === undefined || gradeAttempt(spec, fullLayout(spec), cleaned).percent === 100, first).toBe(true);
  }
});

test("correctFields of a numeric answer too large or small for plain String() still grades as correct", () => {
  for (const answer of [1e21, 1e-7]) {
    const question = numeric("n", answer);
    // String(1e21) is "1e+21", which numericCandidates rejects; correctFields must write it out.
    expect(questionCredit(question, correctFields(question)), String(answer)).toBe(1);
  }
});

test("points are summed exactly before rounding, so 66.67 % does not pass a pass mark of 67", () => {
  const spec = buildQuiz([matching("a", 3), matching("b", 3), matching("c", 3)], { passMark: 67 });
  const twoOfThree = (id: string) => ({ [`q:${id}:p1`]: ["r1"], [`q:${id}:p2`]: ["r2"], [`q:${id}:p3`]: ["r1"] });
  const grade = gradeAttempt(spec, fullLayout(spec), { ...twoOfThree("a"), ...twoOfThree("b"), ...twoOfThree("c") });
  // 6 of 9 pairs right is 66.67 %; rounding each question to 0.67 first would give 2.01 of 3 and pass.
  expect(grade).toMatchObject({ percent: 66.67, passed: false });
});
