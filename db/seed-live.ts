import { eq, sql } from "drizzle-orm";
import { ActivitySchema, SessionSchema } from "../app/live/schemas";
import { addActivity, createSession, getTrainerSession, runSession } from "../app/live/sessions.server";
import type { Db } from "./client";
import { liveParticipants, livePosts, liveResponses, liveSessions, users } from "./schema";

/** The demo trainer's live workshop, running, with code TVQG25 and a few guests' answers, so /live shows it at once. */
export const DEMO_LIVE = { code: "TVQG25", trainer: "trainer@skillshelf.local" } as const;

const ACTIVITIES = [
  { kind: "poll", prompt: "Bạn đã dùng công cụ AI nào trong công việc thư viện?", options: "ChatGPT\nGemini\nMicrosoft Copilot\nChưa dùng", multiple: "on" },
  { kind: "words", prompt: "Một từ mô tả thư viện số của bạn?" },
  { kind: "rating", prompt: "Bạn tự tin thế nào khi dùng AI để tóm tắt tài liệu?", scaleMax: "5" },
  { kind: "wall", prompt: "Câu hỏi cho giảng viên" },
  { kind: "quiz", prompt: "Dublin Core có bao nhiêu yếu tố cốt lõi?", options: "12\n15\n18", correct: "2" },
];

const GUESTS: { nickname: string; poll: number[]; word: string; rating: number; post?: string; quiz: number }[] = [
  { nickname: "Mai (Hà Giang)", poll: [0], word: "Tiện lợi", rating: 3, post: "AI có thể giúp biên mục sách cũ không?", quiz: 1 },
  { nickname: "Tuấn", poll: [0, 1], word: "tiện lợi", rating: 4, quiz: 1 },
  { nickname: "Lan Anh", poll: [3], word: "Mở", rating: 2, post: "Làm sao kiểm tra thông tin AI đưa ra là đúng?", quiz: 0 },
  { nickname: "Hùng", poll: [2], word: "Hiện đại", rating: 4, quiz: 1 },
  { nickname: "Thảo", poll: [0], word: "tien loi", rating: 5, quiz: 2 },
  { nickname: "Phương", poll: [1], word: "Hiện đại", rating: 3, quiz: 1 },
];

export async function seedDemoLive(db: Db) {
  const [existing] = await db.select({ id: liveSessions.id }).from(liveSessions).where(eq(liveSessions.code, DEMO_LIVE.code));
  if (existing) return;
  const [trainer] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${DEMO_LIVE.trainer}`);
  if (!trainer) return;
  const owner = { id: trainer.id, roles: ["trainer" as const] };
  const input = SessionSchema.parse({ title: "Ngày tập huấn: AI trong thư viện", allowGuests: "on", showNames: "on" });
  const id = await createSession(db, owner, input);
  await db.update(liveSessions).set({ code: DEMO_LIVE.code }).where(eq(liveSessions.id, id));
  for (const activity of ACTIVITIES) {
    const found = (await getTrainerSession(db, owner, id))!;
    await addActivity(db, found.session, ActivitySchema.parse(activity));
  }
  const found = (await getTrainerSession(db, owner, id))!;
  await runSession(db, owner, found, { intent: "start" });
  const [poll, words, rating, wall, quiz] = found.activities;
  for (const [i, guest] of GUESTS.entries()) {
    const [p] = await db
      .insert(liveParticipants)
      .values({ sessionId: id, guestTokenHash: `demo-${i}`, nickname: guest.nickname })
      .returning({ id: liveParticipants.id });
    await db.insert(liveResponses).values([
      { activityId: poll!.id, participantId: p!.id, choices: guest.poll },
      { activityId: words!.id, participantId: p!.id, text: guest.word },
      { activityId: rating!.id, participantId: p!.id, value: guest.rating },
      { activityId: quiz!.id, participantId: p!.id, choices: [guest.quiz] },
    ]);
    if (guest.post) await db.insert(livePosts).values({ activityId: wall!.id, participantId: p!.id, body: guest.post });
  }
}
