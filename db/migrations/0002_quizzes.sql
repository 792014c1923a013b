CREATE TYPE "public"."attempt_status" AS ENUM('in_progress', 'submitted');--> statement-breakpoint
CREATE TABLE "course_quizzes" (
	"course_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"quiz_id" text NOT NULL,
	"graded" boolean NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "course_quizzes_lesson_id_quiz_id_pk" PRIMARY KEY("lesson_id","quiz_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"lesson_id" uuid NOT NULL,
	"quiz_id" text NOT NULL,
	"attempt_no" integer NOT NULL,
	"lang" "locale" NOT NULL,
	"spec" jsonb NOT NULL,
	"public_quiz" jsonb NOT NULL,
	"layout" jsonb NOT NULL,
	"seed" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"graded" boolean NOT NULL,
	"status" "attempt_status" DEFAULT 'in_progress' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"saved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"score" double precision,
	"max_score" double precision,
	"percent" double precision,
	"passed" boolean,
	"result" jsonb
);
--> statement-breakpoint
ALTER TABLE "course_quizzes" ADD CONSTRAINT "course_quizzes_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_quizzes" ADD CONSTRAINT "course_quizzes_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_quizzes_course_idx" ON "course_quizzes" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_number_key" ON "quiz_attempts" USING btree ("user_id","lesson_id","quiz_id","attempt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_open_key" ON "quiz_attempts" USING btree ("user_id","lesson_id","quiz_id") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "quiz_attempts_quiz_idx" ON "quiz_attempts" USING btree ("lesson_id","quiz_id","status");