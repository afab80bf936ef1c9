// Differential test: Laminar's GPT-2 tokenizer (through `laminar-cli tokenize`) against the
// Hugging Face tokenizers library itself (the Rust engine behind GPT2TokenizerFast, vendored
// in hf-tokenizers/ as its Node.js binding), on the known cases plus seeded random
// strings from random_texts.mjs. Token ids and code-point offsets must be identical.
//
// Usage: node hf_differential.mjs --cli PATH/laminar-cli [--tokenizer DIR] [--count N] [--seed S]
//   --tokenizer  GPT-2 vocab.json + merges.txt (default: resources/tokenizer of this checkout)
//   --count      random strings besides the fixed cases (default 10000); --seed (default 1)
// Prints one line per difference (the first 20 in full) and a summary; exits 1 on any.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { makeTextGenerator } from "./random_texts.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, "../../..");

function parseArguments(argv) {
  const options = { tokenizer: path.join(sourceDir, "resources/tokenizer"), count: 10000, seed: 1, cli: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${name} needs a value`);
    if (name === "--cli") options.cli = value;
    else if (name === "--tokenizer") options.tokenizer = value;
    else if (name === "--count") options.count = Number(value);
    else if (name === "--seed") options.seed = Number(value);
    else fail(`unknown option ${name}`);
  }
  if (!options.cli) fail("give --cli PATH/laminar-cli");
  if (!Number.isInteger(options.count) || options.count < 0) fail("--count must be a whole number");
  if (!Number.isInteger(options.seed)) fail("--seed must be an integer");
  return options;
}

function fail(message) {
  console.error("hf_differential: " + message);
  process.exit(1);
}

// The vendored binary is the package's Linux x86-64 glibc build.
function loadHuggingFaceTokenizers() {
  if (process.platform !== "linux" || process.arch !== "x64")
    fail(`the vendored Hugging Face tokenizers binary is for Linux x86-64, not ${process.platform} ${process.arch}`);
  const binary = path.join(here, "hf-tokenizers/tokenizers.linux-x64-gnu.node");
  return createRequire(import.meta.url)(binary);
}

// Hugging Face's gpt2 tokenizer.json, with the vocabulary and merges of the given directory.
function gpt2TokenizerJson(dir) {
  const vocab = JSON.parse(fs.readFileSync(path.join(dir, "vocab.json"), "utf8"));
  const merges = fs.readFileSync(path.join(dir, "merges.txt"), "utf8").split("\n")
    .filter((line, i) => line.length > 0 && !(i === 0 && line.startsWith("#version")));
  return {
    version: "1.0", truncation: null, padding: null,
    added_tokens: [{ id: vocab["<|endoftext|>"], content: "<|endoftext|>", single_word: false, lstrip: false,
                     rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "ByteLevel", add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "",
             fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

// Texts every run checks whatever the count: the three of issue 15 (Egyptian Hieroglyphs
// Extended-A, Unicode 16.0, before a contraction) and other code points new since Unicode 14.
const FIXED_TEXTS = [
  "\u{13f77}'re9Ti\u1ebfng",
  "@'d't[?\u1b35\u{13c7a}'t\u{1f916}",
  "\u{1381f}'veg\x7f1,000/",
  "\u{31350}'s \u{2ebf0}'ll \u{11f04}'d \u{1e4d0}'m \u{1d2c0}'t \u{10d4a}'ve \u{16d43}'re",
  "a\u{1ccf0}\u{1ccf9}'s \u{116da}'t",
];

async function huggingFaceEncodings(tokenizer, texts) {
  const encodings = [];
  for (let i = 0; i < texts.length; i += 2000) {
    const batch = await tokenizer.encodeBatch(texts.slice(i, i + 2000), { addSpecialTokens: false });
    for (const e of batch) encodings.push({ ids: e.getIds(), offsets: e.getOffsets() });
  }
  return encodings;
}

function laminarEncodings(cli, tokenizerDir, texts) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "laminar-hf-differential-"));
  try {
    const encodings = [];
    for (let i = 0; i < texts.length; i += 20000) {
      const file = path.join(tmp, "texts.json");
      fs.writeFileSync(file, JSON.stringify(texts.slice(i, i + 20000)));
      const run = spawnSync(cli, ["tokenize", "--tokenizer", tokenizerDir, "--texts-json", file],
                            { encoding: "utf8", maxBuffer: 1 << 30 });
      if (run.error) fail(`cannot run ${cli}: ${run.error.message}`);
      if (run.status !== 0) fail(`laminar-cli tokenize exited ${run.status}: ${run.stderr}`);
      const out = JSON.parse(run.stdout);
      out.ids.forEach((ids, k) => encodings.push({ ids, offsets: out.offsets[k] }));
    }
    return encodings;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const printable = (text) => JSON.stringify(text).replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const options = parseArguments(process.argv.slice(2));
const { Tokenizer } = loadHuggingFaceTokenizers();
const huggingFace = Tokenizer.fromString(JSON.stringify(gpt2TokenizerJson(options.tokenizer)));
const categories = JSON.parse(fs.readFileSync(path.join(sourceDir, "tests/tokenizer/data/unicode-16-categories.json"), "utf8"));
const nextText = makeTextGenerator(options.seed, categories.categories);
const texts = FIXED_TEXTS.concat(Array.from({ length: options.count }, nextText));

let start = performance.now();
const expected = await huggingFaceEncodings(huggingFace, texts);
const huggingFaceSeconds = (performance.now() - start) / 1000;
start = performance.now();
const actual = laminarEncodings(options.cli, options.tokenizer, texts);
const laminarSeconds = (performance.now() - start) / 1000;
if (actual.length !== texts.length) fail(`laminar-cli returned ${actual.length} encodings for ${texts.length} texts`);

let differ = 0, codePointCount = 0, tokens = 0;
texts.forEach((text, i) => {
  codePointCount += Array.from(text).length;
  tokens += expected[i].ids.length;
  const idsSame = same(actual[i].ids, expected[i].ids), offsetsSame = same(actual[i].offsets, expected[i].offsets);
  if (idsSame && offsetsSame) return;
  if (++differ > 20) return;
  const codePoints = Array.from(text);  // the pre-tokenizer's spans are in code points
  const words = huggingFace.getPreTokenizer().preTokenizeString(text).map(([, [b, e]]) => codePoints.slice(b, e).join(""));
  console.log(`DIFFERS (${idsSame ? "offsets" : "ids"}) text ${i} ${printable(text)}\n` +
              `  Hugging Face words ${printable(words)}\n` +
              `  Hugging Face ids ${JSON.stringify(expected[i].ids)} offsets ${JSON.stringify(expected[i].offsets)}\n` +
              `  Laminar      ids ${JSON.stringify(actual[i].ids)} offsets ${JSON.stringify(actual[i].offsets)}`);
});
console.log(`hf_differential: seed ${options.seed}, ${texts.length} texts (${FIXED_TEXTS.length} fixed + ` +
            `${options.count} random; ${codePointCount} code points, ${tokens} tokens): ${texts.length - differ} identical, ` +
            `${differ} differ; Hugging Face ${huggingFaceSeconds.toFixed(1)} s, laminar-cli ${laminarSeconds.toFixed(1)} s`);
process.exit(differ === 0 ? 0 : 1);
