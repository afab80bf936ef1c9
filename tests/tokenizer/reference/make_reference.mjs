// Regenerates ../data/bpe-reference.json: GPT-2 token ids for many texts from tokenizer
// implementations nobody in this project wrote, run on the files in resources/tokenizer:
//   - tiktoken (OpenAI's Rust tokenizer, npm "tiktoken", WASM build, "gpt2" encoding),
//   - Tokenizers.js (Hugging Face, npm "@huggingface/tokenizers", fed a tokenizer.json
//     built from our vocab.json + merges.txt exactly as the hub's gpt2 tokenizer.json is),
//   - gpt-3-encoder (npm, the JavaScript port of OpenAI's encoder.py; a third opinion only:
//     it has known bugs with ',' in merge pairs and treats "<|endoftext|>" as plain text).
// A case enters the fixture only where tiktoken and Tokenizers.js agree, or where they differ
// only through JavaScript's own \s (see below); other disagreements are listed in the
// fixture. Offsets follow the Hugging Face rule (code points of the input; a token that
// covers part of a character gets the whole character), computed here from the reference
// ids and the token bytes, independently of the C++ code.
//
// Usage (needs network access to the npm registry once):
//   cd $(mktemp -d) && npm init -y && npm install tiktoken@1.0.22 @huggingface/tokenizers@0.2.0 gpt-3-encoder@1.1.4
//   node /path/to/make_reference.mjs /path/to/laminar   (run from that directory)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.cwd(), "package.json"));
const { get_encoding } = require("tiktoken");
const { Tokenizer } = await import(path.join(process.cwd(), "node_modules/@huggingface/tokenizers/dist/tokenizers.mjs"));
const gpt3 = require("gpt-3-encoder");

const root = process.argv[2];
const vocab = JSON.parse(fs.readFileSync(path.join(root, "resources/tokenizer/vocab.json"), "utf8"));
const mergeLines = fs.readFileSync(path.join(root, "resources/tokenizer/merges.txt"), "utf8").split("\n")
  .filter((l, i) => l.length > 0 && !(i === 0 && l.startsWith("#version")));
const golden = JSON.parse(fs.readFileSync(path.join(root, "../shared/reference/tokenizer-golden.json"), "utf8"));

// --- GPT-2's byte-level alphabet, to turn vocab spellings into bytes.
const byteOfChar = new Map();
{
  const printable = (b) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  for (let b = 0; b < 256; b++) byteOfChar.set(String.fromCodePoint(printable(b) ? b : next++), b);
}
const bytesOfId = [];
for (const [spelling, id] of Object.entries(vocab)) {
  const chars = Array.from(spelling);
  bytesOfId[id] = chars.every((c) => byteOfChar.has(c)) ? Buffer.from(chars.map((c) => byteOfChar.get(c)))
                                                         : Buffer.from(spelling, "utf8");
}

// --- tiktoken's built-in gpt2 ranks must be exactly our files' vocabulary.
const tiktoken = get_encoding("gpt2");
for (let id = 0; id < bytesOfId.length; id++) {
  const back = Buffer.from(tiktoken.decode(new Uint32Array([id])));
  if (!back.equals(bytesOfId[id])) throw new Error(`tiktoken gpt2 token ${id} differs from vocab.json`);
}

const tokenizerJson = {
  version: "1.0", truncation: null, padding: null,
  added_tokens: [{ id: vocab["<|endoftext|>"], content: "<|endoftext|>", single_word: false, lstrip: false,
                   rstrip: false, normalized: true, special: true }],
  normalizer: null,
  pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
  decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "",
           fuse_unk: false, byte_fallback: false, vocab, merges: mergeLines },
};
const hfjs = new Tokenizer(tokenizerJson, { add_bos_token: false, add_eos_token: false });

// --- texts: the golden's, hand-picked edge cases, and seeded random Unicode strings.
const edge = [
  "<|endoftext|>", "<|endoftext|><|endoftext|>", "a<|endoftext|>b", " <|endoftext|> ", "<|endoftext|",
  "<|endo<|endoftext|>ftext|>", "\n<|endoftext|>\n\nHello", "Hello<|endoftext|>",
  "'s", "'S", "'sa", "'ll've're", " 's", "''", "'", "don't", "DON'T", "it’s", "l'été",
  "     ", "a     b", "a \t b", "   \n", "\n \n ", "x\u00a0\u00a0y", " \u00a0x", "\u3000\u3000字", "a\u2028b\u2029c",
  "a\u0085b", "a\u001cb\u001fc", "a\u000bb\u000cc", "a\u1680b", "a\u180eb", "a\u200bb", "a\ufeffb", "a\u205f\u202fb",
  "1234567890", " 12345", "٣٤٥ ١٢", "１２３ＡＢＣ", "²³¹ ½ ① Ⅻ", "3.14e-10", "0x1F600",
  "e\u0301\u0301\u0301", " \u0301", "\u0301abc", "ﬁ ﬂ ẞ ß", "İstanbul ıi", "ǅ ǈ", "𝒜𝓑𝔠 𝟙𝟚", "𐐷𐐸 𐀀",
  "🤖", " 🤖", "👩🏽‍💻👨‍👩‍👧‍👦", "🏳️‍🌈", "\u{1F600}\u{1F601}x", "😀😀😀😀😀😀😀😀",
  "안녕하세요 세계", "สวัสดีครับ", "नमस्ते दुनिया", "مرحبا بالعالم", "שלום עולם", "ᚠᛇᚻ᛫ᛒᛦᚦ",
  "\u0000", "a\u0000b", "\u0001\u0002\u0003\u007f", "\u0080\u0081\u009f", "\u00ad", "\ue000\uf8ff", "\u{10ffff}", "\u{f0000}",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  " ".repeat(300) + "x", "\n".repeat(50), "-".repeat(80), "=".repeat(33) + ">", "...", "?!?!", "@@ -1,5 +1,7 @@",
  "int main(void) { return 0; }\n", "<html><body>&amp;</body></html>", "C:\\Users\\name\\file.txt",
  "`rm -rf /`", "$$\\sum_{i=1}^n x_i$$", "#hashtag @mention", "user@example.com", "¡Hola! ¿Qué tal?",
  "ÀÉÎÕÜ àéîõü", "Ærøskøbing Åland", "Zürich Straße", "naïve café résumé",
];

let seed = 20251122;
const random = () => {  // mulberry32
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(random() * a.length)];
const range = (lo, hi) => () => lo + Math.floor(random() * (hi - lo + 1));
const spaces = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x180e, 0x2000, 0x2005,
                0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const pools = [
  range(0x61, 0x7a), range(0x41, 0x5a), range(0x30, 0x39), range(0x21, 0x2f), () => 0x20, () => 0x20, () => 0x27,
  () => pick(spaces), () => pick(spaces), range(0xc0, 0x24f), range(0x300, 0x36f), range(0x370, 0x3ff), range(0x400, 0x4ff),
  range(0x590, 0x6ff), range(0x900, 0x97f), range(0xe00, 0xe7f), range(0xac00, 0xd7a3), range(0x4e00, 0x9fff),
  range(0x3040, 0x30ff), range(0x660, 0x669), range(0xff10, 0xff5a), range(0x2150, 0x218b), range(0x2460, 0x24ff),
  range(0x1f300, 0x1f6ff), range(0x1f900, 0x1f9ff), range(0x1d400, 0x1d7ff), range(0x10000, 0x1007f),
  range(0x0, 0x1f), range(0x80, 0xbf), range(0x2000, 0x2bff),
  () => { let c; do c = range(0, 0xffff)(); while (c >= 0xd800 && c <= 0xdfff); return c; },
  range(0x10000, 0x10ffff),
];
const randomTexts = [];
for (let k = 0; k < 400; k++) {
  const length = 1 + Math.floor(random() * 40);
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCodePoint(pick(pools)());
  if (random() < 0.05) s += "<|endoftext|>" + s;
  randomTexts.push(s);
}

// --- offsets by the Hugging Face rule, from the reference ids.
function offsetsOf(text, ids) {
  const chars = Array.from(text);
  const cpOfByte = [];
  chars.forEach((c, i) => { for (let k = 0; k < Buffer.byteLength(c); k++) cpOfByte.push(i); });
  cpOfByte.push(chars.length);
  const out = [];
  let pos = 0;
  for (const id of ids) {
    const n = bytesOfId[id].length;
    out.push([cpOfByte[pos], cpOfByte[pos + n - 1] + 1]);
    pos += n;
  }
  if (pos !== cpOfByte.length - 1) throw new Error("ids do not spell the text: " + JSON.stringify(text));
  return out;
}

const cases = [], disagreements = [];
const sources = [["golden", golden.texts], ["edge", edge], ["random", randomTexts]];
for (const [source, texts] of sources) {
  for (const text of texts) {
    const viaTiktoken = Array.from(tiktoken.encode(text, "all"));
    const viaHfjs = hfjs.encode(text, { add_special_tokens: false }).ids;
    const viaGpt3 = text.includes("<|endoftext|>") ? null : gpt3.encode(text);
    const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
    const gpt3Agrees = viaGpt3 === null || same(viaGpt3, viaTiktoken);
    // JavaScript's \s counts U+FEFF as white space and not U+0085, unlike Unicode's
    // White_Space property that Rust's regex (tiktoken), Oniguruma (Hugging Face tokenizers)
    // and Python's regex use; where only that explains a difference, tiktoken is the reference.
    const jsSpaceQuirk = /[\u0085\ufeff]/u.test(text);
    const hfjsAgrees = same(viaTiktoken, viaHfjs);
    if (!hfjsAgrees && !jsSpaceQuirk) {
      disagreements.push({ source, text, tiktoken: viaTiktoken, tokenizers_js: viaHfjs, gpt_3_encoder: viaGpt3 });
      continue;
    }
    const entry = { source, text, ids: viaTiktoken, offsets: offsetsOf(text, viaTiktoken) };
    if (!hfjsAgrees) entry.tokenizers_js_differs = viaHfjs;
    if (!gpt3Agrees) entry.gpt_3_encoder_differs = viaGpt3;
    cases.push(entry);
  }
}

// --- decoding: random id sequences (many split characters) through WHATWG's TextDecoder,
// which, like Python's errors="replace", puts one U+FFFD per maximal invalid subpart.
const decodeCases = [];
const textDecoder = new TextDecoder("utf-8");
for (let k = 0; k < 300; k++) {
  const ids = [];
  const length = 1 + Math.floor(random() * 8);
  for (let i = 0; i < length; i++) ids.push(random() < 0.5 ? Math.floor(random() * 256) : Math.floor(random() * 50257));
  decodeCases.push({ ids, text: textDecoder.decode(tiktoken.decode(new Uint32Array(ids))) });
}
for (const c of cases.filter((c) => c.source !== "random").slice(0, 60)) {  // prefixes of real encodings
  for (let cut = 1; cut < c.ids.length; cut += 3) {
    const ids = c.ids.slice(0, cut);
    decodeCases.push({ ids, text: textDecoder.decode(tiktoken.decode(new Uint32Array(ids))) });
  }
}

const out = {
  about: "GPT-2 token ids from tiktoken 1.0.22 (npm, gpt2 encoding, allowed_special=all) and Tokenizers.js " +
         "@huggingface/tokenizers 0.2.0, which agree on every case listed (except through JavaScript's \\s, cases marked tokenizers_js_differs); made by make_reference.mjs " +
         "from resources/tokenizer. Offsets: Hugging Face rule, derived from the ids.",
  cases, disagreements, decode_cases: decodeCases,
};
fs.writeFileSync(path.join(root, "tests/tokenizer/data/bpe-reference.json"), JSON.stringify(out, null, 0) + "\n");
console.log(`${cases.length} cases, ${disagreements.length} disagreements, ` +
            `${cases.filter((c) => c.tokenizers_js_differs).length} JavaScript \\s differences, ` +
            `${cases.filter((c) => c.gpt_3_encoder_differs).length} where gpt-3-encoder differs, ` +
            `${decodeCases.length} decode cases`);
for (const d of disagreements) console.log("DISAGREE", JSON.stringify(d).slice(0, 400));
