// safetensors reading and writing, checked against the Hugging Face reference fixtures and an
// independent numpy reader/writer (numpy_safetensors.py), plus a corpus of corrupt files that
// must each fail with their own message naming the file and the tensor.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/mapped_file.h"
#include "io/safetensors.h"
#include "util/error.h"

namespace fs = std::filesystem;
using laminar::DType;
using laminar::Error;
using laminar::SafetensorsFile;
using nlohmann::json;

namespace {

// Element i of a tensor whose data may sit at any byte offset (safetensors does not align
// tensors): read through memcpy, since dereferencing a misaligned pointer is undefined.
template <typename T>
T unalignedAt(const void* data, size_t i) {
  T value;
  std::memcpy(&value, static_cast<const char*>(data) + i * sizeof(T), sizeof(T));
  return value;
}

const fs::path kReference = fs::path(LAMINAR_SHARED_DIR) / "reference";

fs::path scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("laminar-io-test-" + std::to_string(::getpid())) / name;
  fs::create_directories(p.parent_path());
  return p;
}

void writeBytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string lengthPrefix(uint64_t n) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[i] = static_cast<char>(n >> (8 * i));
  return s;
}

// A file with the given header text and data bytes (header length = header.size()).
fs::path makeFile(const std::string& name, const std::string& header, const std::string& data) {
  fs::path p = scratch(name);
  writeBytes(p, lengthPrefix(header.size()) + header + data);
  return p;
}

std::string openError(const fs::path& p) {
  try {
    SafetensorsFile::open(p);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

json runPython(const std::string& args) {
  fs::path out = scratch("python-out.json");
  std::string cmd = std::string(LAMINAR_PYTHON_EXE) + " " + NUMPY_SAFETENSORS_PY + " " + args + " > " + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out);
  return json::parse(in);
}

class SafetensorsTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(scratch("x").parent_path(), ec);
  }
};

TEST_F(SafetensorsTest, ReadsReferenceFixtureHeader) {
  auto f = SafetensorsFile::open(kReference / "gpt2-tiny" / "model.safetensors");
  EXPECT_EQ(f->tensors().size(), 40u);  // 2 embeddings + 3 x 12 block tensors + ln_f
  EXPECT_EQ(f->metadata().at("format"), "pt");
  const auto* wte = f->find("transformer.wte.weight");
  ASSERT_NE(wte, nullptr);
  EXPECT_EQ(wte->dtype, DType::F32);
  EXPECT_EQ(wte->shape, (std::vector<int64_t>{1000, 64}));
  EXPECT_EQ(wte->byteSize, 1000u * 64 * 4);
  EXPECT_EQ(f->find("wte.weight"), nullptr);
  // Tensors are in file order and tile the data buffer exactly.
  size_t expected = 8 + f->headerSize();
  for (const auto& t : f->tensors()) {
    EXPECT_EQ(t.fileOffset, expected) << t.name;
    expected += t.byteSize;
  }
  EXPECT_EQ(expected, f->fileSize());
}

TEST_F(SafetensorsTest, ReadsHubStyleFixtureWithLegacyBuffers) {
  auto f = SafetensorsFile::open(kReference / "gpt2-tiny-hubstyle.safetensors");
  const auto* mask = f->find("h.0.attn.bias");
  ASSERT_NE(mask, nullptr);
  EXPECT_EQ(mask->dtype, DType::U8);
  EXPECT_EQ(mask->shape, (std::vector<int64_t>{1, 1, 64, 64}));
  const auto* masked = f->find("h.2.attn.masked_bias");
  ASSERT_NE(masked, nullptr);
  EXPECT_TRUE(masked->shape.empty());
  EXPECT_EQ(masked->numel(), 1);
}

TEST_F(SafetensorsTest, ValuesMatchNumpyReadingTheRawFiles) {
  fs::path dir = scratch("np");
  std::string cmd = std::string(LAMINAR_PYTHON_EXE) + " " + NUMPY_SAFETENSORS_PY + " write-fixtures " + dir.string() +
                    " " + kReference.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  json spot = json::parse(std::ifstream(dir / "spot.json"));
  auto ref = SafetensorsFile::open(kReference / "gpt2-tiny" / "model.safetensors");
  auto hub = SafetensorsFile::open(kReference / "gpt2-tiny-hubstyle.safetensors");
  for (const auto& [name, s] : spot.items()) {
    const auto* t = ref->find(name);
    ASSERT_NE(t, nullptr) << name;
    const float* v = static_cast<const float*>(t->data);
    double sum = 0;
    for (int64_t i = 0; i < t->numel(); ++i) sum += v[i];
    EXPECT_EQ(json(t->shape), s["shape"]) << name;
    EXPECT_NEAR(sum, s["sum"].get<double>(), 1e-9) << name;
    EXPECT_EQ(v[0], s["first"].get<float>()) << name;
    EXPECT_EQ(v[t->numel() - 1], s["last"].get<float>()) << name;
    const auto* h = hub->find(name.substr(std::strlen("transformer.")));
    ASSERT_NE(h, nullptr);
    EXPECT_EQ(std::memcmp(h->data, t->data, t->byteSize) == 0, s["hub_equal"].get<bool>()) << name;
  }

  // A file numpy wrote (many dtypes, a scalar, an empty tensor, header padded with spaces).
  json values = json::parse(std::ifstream(dir / "numpy.json"));
  auto f = SafetensorsFile::open(dir / "numpy.safetensors");
  EXPECT_EQ(f->metadata().at("writer"), "numpy");
  const auto* a = f->find("a.f32");
  ASSERT_NE(a, nullptr);
  for (size_t i = 0; i < values["a.f32"].size(); ++i)
    EXPECT_EQ(static_cast<const float*>(a->data)[i], values["a.f32"][i].get<float>());
  const auto* b = f->find("b.f16");
  ASSERT_EQ(b->dtype, DType::F16);
  for (size_t i = 0; i < values["b.f16.bits"].size(); ++i)
    EXPECT_EQ(unalignedAt<uint16_t>(b->data, i), values["b.f16.bits"][i].get<uint16_t>());
  const auto* c = f->find("c.bf16");
  ASSERT_EQ(c->dtype, DType::BF16);
  for (size_t i = 0; i < values["c.bf16.bits"].size(); ++i)
    EXPECT_EQ(unalignedAt<uint16_t>(c->data, i), values["c.bf16.bits"][i].get<uint16_t>());
  const auto* d = f->find("d.i64");
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(unalignedAt<int64_t>(d->data, i), values["d.i64"][i].get<int64_t>());
  const auto* s = f->find("f.scalar");
  EXPECT_TRUE(s->shape.empty());
  EXPECT_EQ(unalignedAt<double>(s->data, 0), 2.5);
  const auto* e = f->find("g.empty");
  EXPECT_EQ(e->shape, (std::vector<int64_t>{0, 4}));
  EXPECT_EQ(e->byteSize, 0u);
}

TEST_F(SafetensorsTest, WrittenFileReadsBackHereAndInNumpy) {
  std::vector<float> m(6);
  for (int i = 0; i < 6; ++i) m[i] = 0.5f * static_cast<float>(i) - 1;
  std::vector<int32_t> ids = {7, -8, 9};
  uint16_t half[2] = {0x3c00, 0xc000};  // 1.0, -2.0 in IEEE half
  fs::path p = scratch("written.safetensors");
  laminar::writeSafetensors(p,
                            {{"m", DType::F32, {2, 3}, m.data(), m.size() * 4},
                             {"ids", DType::I32, {3}, ids.data(), 12},
                             {"h", DType::F16, {2}, half, 4},
                             {"none", DType::F32, {0}, nullptr, 0}},
                            {{"k", "v"}});
  auto f = SafetensorsFile::open(p);
  EXPECT_EQ((8 + f->headerSize()) % 8, 0u);  // data buffer aligned as the reference writer does
  EXPECT_EQ(f->metadata().at("k"), "v");
  EXPECT_EQ(std::memcmp(f->find("m")->data, m.data(), 24), 0);
  EXPECT_EQ(std::memcmp(f->find("ids")->data, ids.data(), 12), 0);
  json j = runPython("summarize " + p.string());
  EXPECT_EQ(j["__metadata__"]["k"], "v");
  EXPECT_EQ(j["m"]["shape"], json::array({2, 3}));
  EXPECT_DOUBLE_EQ(j["m"]["sum"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(j["ids"]["sum"].get<double>(), 8);
  EXPECT_EQ(j["ids"]["dtype"], "I32");
  EXPECT_DOUBLE_EQ(j["h"]["sum"].get<double>(), -1.0);
  EXPECT_EQ(j["none"]["shape"], json::array({0}));  // json({0}) is null under clang
  EXPECT_FALSE(fs::exists(p.string() + ".tmp-" + std::to_string(::getpid())));
}

TEST_F(SafetensorsTest, StreamingWriterTakesPiecesAndLeavesNothingWhenAbandoned) {
  std::vector<float> a(1000), b(10);
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i);
  for (size_t i = 0; i < b.size(); ++i) b[i] = -static_cast<float>(i);
  fs::path p = scratch("streamed.safetensors");
  {
    laminar::SafetensorsWriter w(p, {{"a", DType::F32, {10, 100}}, {"b", DType::F32, {10}}});
    EXPECT_EQ(w.nextTensor(), "a");
    w.write(a.data(), 1000);  // a in three pieces
    w.write(reinterpret_cast<const char*>(a.data()) + 1000, 2000);
    w.write(reinterpret_cast<const char*>(a.data()) + 3000, 1000);
    EXPECT_EQ(w.nextTensor(), "b");
    w.write(b.data(), 40);
    EXPECT_EQ(w.nextTensor(), "");
    w.commit();
  }
  auto f = SafetensorsFile::open(p);
  EXPECT_EQ(std::memcmp(f->find("a")->data, a.data(), 4000), 0);
  EXPECT_EQ(std::memcmp(f->find("b")->data, b.data(), 40), 0);

  fs::path q = scratch("abandoned.safetensors");
  {
    laminar::SafetensorsWriter w(q, {{"a", DType::F32, {10, 100}}});
    w.write(a.data(), 100);
    try {
      w.commit();
      FAIL() << "commit with missing bytes must throw";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("tensor 'a' was not completely written"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(fs::exists(q));
  for (const auto& entry : fs::directory_iterator(q.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find("abandoned"), std::string::npos) << entry.path();
  EXPECT_THROW(laminar::SafetensorsWriter(scratch("dup.safetensors"), {{"a", DType::F32, {1}}, {"a", DType::F32, {1}}}),
               Error);
}

struct CorruptCase {
  const char* name;
  std::string header;
  std::string data;
  std::vector<std::string> expected;  // substrings of the message besides the file path
};

TEST_F(SafetensorsTest, CorruptFilesEachFailWithTheirOwnMessage) {
  const std::string eight(8, 'x'), twelve(12, 'x');
  const std::vector<CorruptCase> cases = {
      {"not-json", "{\"a\": nope}", "", {"header is not valid JSON"}},
      {"array", "[1, 2]", "", {"not a JSON object"}},
      {"newline-padding", "{}\n", "", {"padded only with spaces"}},
      {"leading-space", " {}", "", {"must start with '{'"}},
      {"bad-utf8", "{\"a\xff\": 1}", "", {"not valid JSON"}},
      {"duplicate-key",
       R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
       "xxxx",
       {"'a' more than once", "duplicate"}},
      {"unknown-dtype", R"({"w":{"dtype":"F7","shape":[2],"data_offsets":[0,8]}})", eight, {"tensor 'w'", "unknown dtype 'F7'"}},
      {"negative-shape", R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", eight,
       {"tensor 'w'", "not a non-negative integer"}},
      {"fractional-shape", R"({"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", eight,
       {"tensor 'w'", "not a non-negative integer"}},
      {"shape-overflow", R"({"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", eight,
       {"tensor 'w'", "too large"}},
      {"size-mismatch", R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}})", twelve,
       {"tensor 'w'", "hold 12 bytes but dtype F32 with shape [2] needs 8 bytes"}},
      {"offsets-reversed", R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", eight,
       {"tensor 'w'", "end before they begin"}},
      {"offsets-not-pair", R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}})", eight,
       {"tensor 'w'", "not a pair of non-negative integers"}},
      {"missing-field", R"({"w":{"shape":[2],"data_offsets":[0,8]}})", eight, {"tensor 'w'", "missing field 'dtype'"}},
      {"entry-not-object", R"({"w":[1,2]})", "", {"tensor 'w'", "entry is not a JSON object"}},
      {"out-of-range", R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", eight,
       {"tensor 'w'", "run past the end of the data buffer (8 bytes)"}},
      {"overlap",
       R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
       twelve,
       {"tensor 'b'", "overlap the data of tensor 'a'"}},
      {"hole",
       R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
       twelve,
       {"tensor 'b'", "leave bytes [4, 8)", "holes are not allowed"}},
      {"trailing-bytes", R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", eight,
       {"bytes [4, 8)", "after the last tensor, are not indexed"}},
      {"metadata-not-string", R"({"__metadata__":{"format":1}})", "", {"__metadata__", "'format' is not a string"}},
  };
  for (const auto& c : cases) {
    fs::path p = makeFile(std::string(c.name) + ".safetensors", c.header, c.data);
    std::string message = openError(p);
    EXPECT_EQ(message.rfind(p.string() + ": ", 0), 0u) << c.name << ": " << message;
    for (const auto& part : c.expected) EXPECT_NE(message.find(part), std::string::npos) << c.name << ": " << message;
  }
}

TEST_F(SafetensorsTest, BadLengthsAndTruncationFailWithTheirOwnMessage) {
  fs::path empty = scratch("empty.safetensors");
  writeBytes(empty, "");
  EXPECT_NE(openError(empty).find("truncated: the file has 0 bytes"), std::string::npos) << openError(empty);
  fs::path five = scratch("five.safetensors");
  writeBytes(five, "\x10\0\0\0\0");
  EXPECT_NE(openError(five).find("fewer than the 8-byte header length"), std::string::npos);
  fs::path longHeader = scratch("long-header.safetensors");
  writeBytes(longHeader, lengthPrefix(200) + "{}");
  EXPECT_NE(openError(longHeader).find("truncated: the header length says 200 bytes but only 2 bytes follow"),
            std::string::npos)
      << openError(longHeader);
  fs::path huge = scratch("huge-header.safetensors");
  writeBytes(huge, lengthPrefix(100'000'001) + "{}");
  EXPECT_NE(openError(huge).find("header length 100000001 bytes exceeds the safetensors limit of 100000000"),
            std::string::npos)
      << openError(huge);
  EXPECT_NE(openError(scratch("does-not-exist")).find("cannot open"), std::string::npos);

  // The reference fixture cut in half: the first tensor whose data is cut is named.
  std::ifstream in(kReference / "gpt2-tiny" / "model.safetensors", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  fs::path half = scratch("half.safetensors");
  writeBytes(half, bytes.substr(0, bytes.size() / 2));
  std::string message = openError(half);
  EXPECT_EQ(message.rfind(half.string() + ": tensor 'transformer.", 0), 0u) << message;
  EXPECT_NE(message.find("the file is truncated"), std::string::npos) << message;
}

TEST_F(SafetensorsTest, EdgeCasesTheSpecAllows) {
  // Scalars, empty tensors (sharing an offset) and a trailing-space padded header are valid.
  std::string header =
      R"({"__metadata__":null,"e1":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},)"
      R"("s":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"e2":{"dtype":"BOOL","shape":[0],"data_offsets":[8,8]}})"
      "     ";
  fs::path p = makeFile("edge.safetensors", header, std::string(8, '\x01'));
  auto f = SafetensorsFile::open(p);
  EXPECT_EQ(f->tensors().size(), 3u);
  EXPECT_EQ(f->find("s")->byteSize, 8u);
  EXPECT_EQ(f->find("e2")->numel(), 0);
}

TEST(DTypeTest, NamesAndSizesFollowTheSpec) {
  const std::vector<std::pair<std::string, size_t>> spec = {{"F64", 8}, {"F32", 4}, {"F16", 2}, {"BF16", 2},
                                                            {"I64", 8}, {"I32", 4}, {"I16", 2}, {"I8", 1},
                                                            {"U8", 1},  {"BOOL", 1}, {"U64", 8}, {"U32", 4},
                                                            {"U16", 2}, {"F8_E5M2", 1}, {"F8_E4M3", 1}};
  for (const auto& [name, size] : spec) {
    DType t;
    ASSERT_TRUE(laminar::parseDType(name, &t)) << name;
    EXPECT_EQ(laminar::dtypeName(t), name);
    EXPECT_EQ(laminar::dtypeSize(t), size) << name;
  }
  DType t;
  EXPECT_FALSE(laminar::parseDType("f32", &t));
  EXPECT_FALSE(laminar::parseDType("F128", &t));
}

}  // namespace
