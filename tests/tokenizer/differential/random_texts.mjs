// Seeded random strings built to stress the GPT-2 pre-tokenizer: code points of every general
// category and every plane, those assigned in Unicode 15 and 16, combining marks, contractions
// (and near misses) next to every class, runs of every White_Space character (and of the
// characters some engines wrongly count as space), "<|endoftext|>" and fragments of it, emoji
// sequences. The same seed gives the same strings on every machine.

// mulberry32: small, fast, and the same in every JavaScript engine.
export function makeRandom(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
                     0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
// Not White_Space, but space to some definitions (JavaScript's \s, Python's str.isspace, old
// Unicode versions): each must stay Other.
const NEAR_SPACE = [0x1c, 0x1d, 0x1e, 0x1f, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d",
                      "'S", "'T", "'RE", "'Re", "'VE", "'M", "'LL", "'D",                // GPT-2's are case-sensitive
                      "'r", "'v", "'l", "'e", "'", "''", "'''s", "\u2019s", "\u2019t", "`s"];  // near misses
const END_OF_TEXT = ["<|endoftext|>", "<|endoftext|>", "<|endoftext|", "<|endo", "endoftext|>", "|>", "<|", "<||>",
                     "<|endoftext|><|endoftext|>", "<|endo<|endoftext|>ftext|>", " <|endoftext|> ", "<|ENDOFTEXT|>"];
// Blocks (or parts) first assigned in Unicode 15.0, 15.1 and 16.0: where an older regex
// library's classes differ from Hugging Face's.
const RECENT = [
  [0x13460, 0x143fa],  // Egyptian Hieroglyphs Extended-A (16.0)
  [0x31350, 0x323af],  // CJK Unified Ideographs Extension H (15.0)
  [0x2ebf0, 0x2ee5d],  // CJK Unified Ideographs Extension I (15.1)
  [0x11f00, 0x11f59],  // Kawi (15.0)
  [0x1e4d0, 0x1e4f9],  // Nag Mundari (15.0)
  [0x1e030, 0x1e08f],  // Cyrillic Extended-D (15.0)
  [0x1d2c0, 0x1d2d3],  // Kaktovik Numerals (15.0)
  [0x10d40, 0x10d8f],  // Garay (16.0)
  [0x16100, 0x16139],  // Gurung Khema (16.0)
  [0x16d40, 0x16d79],  // Kirat Rai (16.0)
  [0x1e5d0, 0x1e5ff],  // Ol Onal (16.0)
  [0x11bc0, 0x11be1],  // Sunuwar (16.0)
  [0x105c0, 0x105f3],  // Todhri (16.0)
  [0x11380, 0x113e2],  // Tulu-Tigalari (16.0)
  [0x116d0, 0x116e3],  // Myanmar Extended-C (16.0)
  [0x1ccf0, 0x1ccf9],  // Outlined digits, Symbols for Legacy Computing Supplement (16.0)
  [0x1cc00, 0x1ceb3],  // Symbols for Legacy Computing Supplement (16.0)
  [0x10ec2, 0x10ec4],  // Arabic Extended-C additions (16.0)
  [0x1df25, 0x1df2a],  // Latin Extended-G additions (15.0)
];
const EMOJI = ["\u{1F469}\u{1F3FD}\u200d\u{1F4BB}", "\u{1F3F3}\ufe0f\u200d\u{1F308}", "\u{1F1FB}\u{1F1F3}", "\u2764\ufe0f",
               "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "1\ufe0f\u20e3", "\u{1F916}", "\u{1FAE8}"];
const ASCII_PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~";

// categories: { Lu: [[first, last], ...], ... } for the 30 general categories (from
// tests/tokenizer/data/unicode-16-categories.json).
export function makeTextGenerator(seed, categories) {
  const random = makeRandom(seed);
  const below = (n) => Math.floor(random() * n);
  const pick = (array) => array[below(array.length)];
  const between = (lo, hi) => lo + below(hi - lo + 1);
  const names = Object.keys(categories).filter((c) => c !== "Cs");  // surrogates are not text
  const fromCategory = (name) => {
    const [first, last] = pick(categories[name]);
    return String.fromCodePoint(between(first, last));
  };
  const repeat = (count, make) => Array.from({ length: count }, make).join("");
  const anyOf = (array, count) => repeat(count, () => pick(array));
  const scalar = (lo, hi) => {
    let c;
    do c = between(lo, hi); while (c >= 0xd800 && c <= 0xdfff);
    return String.fromCodePoint(c);
  };

  const pieces = [
    [6, () => repeat(between(1, 3), () => fromCategory(pick(names)))],  // any category
    [3, () => { const c = pick(names); return repeat(between(1, 4), () => fromCategory(c)); }],  // a run of one
    [3, () => { const [lo, hi] = pick(RECENT); return repeat(between(1, 3), () => scalar(lo, hi)); }],
    [2, () => { const plane = below(17); return scalar(plane * 0x10000, plane * 0x10000 + 0xffff); }],  // every plane
    [5, () => anyOf(Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), between(1, 8))],
    [2, () => anyOf(Array.from("0123456789"), between(1, 5))],
    [2, () => fromCategory(pick(["Nd", "Nl", "No"])) + fromCategory(pick(["Nd", "Nl", "No"]))],
    [6, () => " "],
    [5, () => anyOf(WHITE_SPACE.map((c) => String.fromCodePoint(c)), between(1, 6))],
    [2, () => anyOf(WHITE_SPACE.concat(NEAR_SPACE).map((c) => String.fromCodePoint(c)), between(1, 4))],
    [5, () => pick(CONTRACTIONS)],
    [4, () => fromCategory(pick(names)) + pick(CONTRACTIONS) + fromCategory(pick(names))],  // contraction between classes
    [2, () => pick(END_OF_TEXT)],
    [3, () => fromCategory(pick(["Lu", "Ll", "Lo", "Nd", "Po", "So", "Zs"])) +
              repeat(between(1, 3), () => fromCategory(pick(["Mn", "Mc", "Me"])))],  // combining marks
    [2, () => pick(EMOJI)],
    [3, () => anyOf(Array.from(ASCII_PUNCTUATION), between(1, 4))],
  ];
  const totalWeight = pieces.reduce((sum, [w]) => sum + w, 0);
  const piece = () => {
    let r = random() * totalWeight;
    for (const [w, make] of pieces) if ((r -= w) < 0) return make();
    return pieces[pieces.length - 1][1]();
  };
  return () => repeat(between(1, 24), piece);
}
