// `npm run bench:certificates`: certificate PDF generation time (mean and p95 over BENCH_RUNS, default 50, after
// a warm-up) and file size against the targets (< 300 ms, ≤ 300 KB), in both languages and with a long name and
// title; also the ES256 signing and verification of the Open Badges credential.
import { exportJWK, generateKeyPair } from "jose";
import { buildCredential, signCredential, verifyCredentialJwt } from "../../app/certificates/credential.server";
import { type CertificatePdfInput, renderCertificatePdf } from "../../app/certificates/pdf.server";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const base: CertificatePdfInput = {
  lang: "vi",
  fullName: "Nguyễn Thị Hồng Vân",
  courseTitle: "Trí tuệ nhân tạo trong dịch vụ thư viện",
  completedAt: new Date(),
  validUntil: new Date(Date.now() + 730 * 86_400_000),
  competences: [
    { id: "1.2", level: 2, name: "Đánh giá dữ liệu, thông tin và nội dung số" },
    { id: "6.1", level: 3, name: "Hiểu biết về trí tuệ nhân tạo" },
    { id: "6.2", level: 3, name: "Sử dụng công cụ trí tuệ nhân tạo có trách nhiệm" },
  ],
  code: "7K2M9QXD4HTRB81C",
  verifyUrl: "https://skillshelf.example.vn/verify/7K2M9QXD4HTRB81C",
  issuerName: "Thư viện Quốc gia Việt Nam",
};

const cases: [string, CertificatePdfInput][] = [
  ["vi", base],
  ["en", { ...base, lang: "en", courseTitle: "AI in library services", issuerName: "National Library of Vietnam" }],
  [
    "vi, long name and title",
    {
      ...base,
      fullName: "Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích Trâm Công Tằng Tôn Nữ Diệu Huyền",
      courseTitle: "Ứng dụng trí tuệ nhân tạo tạo sinh, dữ liệu lớn và các dịch vụ thư viện số trong công tác phục vụ bạn đọc ở thư viện công cộng cấp tỉnh",
    },
  ],
];

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
  return { mean, p95, max: sorted[sorted.length - 1]! };
}

console.log(`Certificate PDF, ${RUNS} runs each after 3 warm-up runs (targets: < 300 ms, ≤ 300 KB)\n`);
console.log("| case | mean ms | p95 ms | max ms | size KB | meets targets |");
console.log("| --- | --- | --- | --- | --- | --- |");
let ok = true;
const cold = performance.now();
await renderCertificatePdf(base);
const coldMs = performance.now() - cold;
for (const [label, input] of cases) {
  for (let i = 0; i < 3; i++) await renderCertificatePdf(input);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const pdf = await renderCertificatePdf(input);
    times.push(performance.now() - start);
    size = Math.max(size, pdf.length);
  }
  const s = stats(times);
  const meets = s.p95 < 300 && size <= 300 * 1024;
  ok &&= meets;
  console.log(`| ${label} | ${s.mean.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${(size / 1024).toFixed(1)} | ${meets ? "yes" : "NO"} |`);
}
console.log(`\nFirst PDF in a fresh process (fonts read, code warmed up): ${coldMs.toFixed(0)} ms`);

const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
const credential = buildCredential({
  origin: "https://skillshelf.example.vn",
  certificateId: "0b6a3c1e-2f7d-4a8e-9c41-5d2e8f7a6b90",
  code: base.code,
  userId: "5f1d8c2a-7e3b-4c9d-8a16-2b4e6f8d0c13",
  email: "learner@skillshelf.local",
  fullName: base.fullName,
  courseSlug: "ai-in-library-services",
  courseTitle: base.courseTitle,
  courseTitleEn: "AI in library services",
  courseVersion: "3f9a1c2b7d4e",
  competences: base.competences,
  issuerName: base.issuerName,
  issuedAt: new Date(),
  validUntil: base.validUntil,
  statusIndex: 42,
});
const jwk = await exportJWK(publicKey);
const signTimes: number[] = [];
const verifyTimes: number[] = [];
let jwt = "";
for (let i = 0; i < RUNS; i++) {
  let start = performance.now();
  jwt = await signCredential(credential, { kid: "bench", privateKey }, "https://skillshelf.example.vn");
  signTimes.push(performance.now() - start);
  start = performance.now();
  if (!(await verifyCredentialJwt(jwt, jwk)).ok) throw new Error("verification failed");
  verifyTimes.push(performance.now() - start);
}
console.log(
  `Credential (VC-JWT, ES256, ${(jwt.length / 1024).toFixed(1)} KB): sign mean ${stats(signTimes).mean.toFixed(2)} ms, verify mean ${stats(verifyTimes).mean.toFixed(2)} ms`,
);
if (!ok) process.exitCode = 1;
