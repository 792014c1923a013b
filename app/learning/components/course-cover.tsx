/**
 * A course card's cover: the course's own cover.svg (a static file, cached by the browser) or, when the course has
 * none, a light pattern drawn here from its topic and slug — never a broken image. Decorative either way.
 */
const PALETTES: Record<string, [string, string, string]> = {
  ai: ["#eef2ff", "#c7d2fe", "#6366f1"],
  data: ["#ecfeff", "#a5f3fc", "#0891b2"],
  "digital-services": ["#fffbeb", "#fde68a", "#d97706"],
};

function hash(text: string) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function CourseCover({ slug, topic, cover }: { slug: string; topic: string; cover: string | null }) {
  const className = "card-cover";
  if (cover) return <img src={cover} alt="" width={320} height={180} loading="lazy" decoding="async" className={className} />;
  const [bg, soft, strong] = PALETTES[topic] ?? ["#f5f5f4", "#e7e5e4", "#78716c"];
  const h = hash(slug);
  const shift = h % 60;
  // Three rows of circles whose sizes vary with the slug: each course of a topic looks related but not the same.
  const dots = Array.from({ length: 21 }, (_, i) => {
    const col = i % 7;
    const row = Math.floor(i / 7);
    const r = 8 + ((h >> (i % 24)) & 7) * 3;
    return <circle key={i} cx={20 + col * 48 + (row % 2) * 24 - shift / 3} cy={40 + row * 50} r={r} fill={i % 4 === (h & 3) ? strong : soft} opacity={i % 4 === (h & 3) ? 0.55 : 0.8} />;
  });
  return (
    <svg viewBox="0 0 320 180" aria-hidden="true" focusable="false" className={className} preserveAspectRatio="xMidYMid slice">
      <rect width="320" height="180" fill={bg} />
      {dots}
      <path d={`M0 ${140 + (shift % 20)} C 80 ${110 + shift / 2}, 220 ${180 - shift / 2}, 320 ${120 + (shift % 30)} V180 H0 Z`} fill={strong} opacity="0.18" />
    </svg>
  );
}
