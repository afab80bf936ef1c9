// The results directory (docs/results-format.md): results.json, CSV tables, vectors.safetensors.
#include <algorithm>
#include <istream>
#include <set>
#include <streambuf>

#include "analysis/analysis.h"
#include "analysis/result_values.h"
#include "analysis/run_results.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_excerpt.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {
constexpr const char* kFormat = "laminar-results";
// 1: every statistic in results.json. 2 (issue 14): experiment 1's text-by-text matrices are
// no longer written (loadResults computes them from the saved vectors); version 1 still loads.
constexpr int kFormatVersion = 3;  // docs/results-format.md, "Format versions"

// Progress over [from, to] of a caller's [0, 1]; empty when the caller gave none.
LoadProgress part(const LoadProgress& progress, double from, double to) {
  if (!progress) return {};
  return [progress, from, to](double f) { progress(from + (to - from) * std::clamp(f, 0.0, 1.0)); };
}

// Hands a string to the JSON parser a chunk at a time, reporting how much was read: old
// directories (format 1) hold results.json files of hundreds of MB.
class ProgressBuffer : public std::streambuf {
 public:
  ProgressBuffer(const std::string& text, LoadProgress progress) : text_(text), progress_(std::move(progress)) {}

 protected:
  int_type underflow() override {
    if (pos_ >= text_.size()) return traits_type::eof();
    if (progress_) progress_(static_cast<double>(pos_) / static_cast<double>(text_.size()));
    const size_t n = std::min(kChunk, text_.size() - pos_);
    char* begin = const_cast<char*>(text_.data()) + pos_;  // read only: streambuf wants char*
    setg(begin, begin, begin + n);
    pos_ += n;
    return traits_type::to_int_type(*begin);
  }

 private:
  static constexpr size_t kChunk = size_t{4} << 20;
  const std::string& text_;
  LoadProgress progress_;
  size_t pos_ = 0;
};

// The files of one results set, written into `dir` (the atomic directory's staging path).
void writeResultsInto(const RunResults& results, const fs::path& dir) {
  std::unique_ptr<Analysis> analysis = makeAnalysis(results.experiment);
  nlohmann::json j;
  j["format"] = kFormat;
  j["formatVersion"] = kFormatVersion;
  j["experiment"] = results.experiment;
  j["metadata"] = results.metadata;
  j["diagnostics"] = results.diagnostics;
  j[results.experiment] = analysis->toJson(results);
  std::vector<CsvTable> tables = analysis->tables(results);
  j["files"]["tables"] = nlohmann::json::array();
  for (auto& t : tables) j["files"]["tables"].push_back(t.fileName);
  j["files"]["vectors"] = "vectors.safetensors";
  j["vectors"] = nlohmann::json::array();
  std::vector<TensorToWrite> tensors;
  for (const StoredArray& a : results.vectors) {
    j["vectors"].push_back({{"name", a.name}, {"dtype", dtypeName(a.dtype)}, {"shape", a.shape}});
    tensors.push_back({a.name, a.dtype, a.shape, a.bytes.data(), a.bytes.size()});
  }

  writeSafetensors(dir / "vectors.safetensors", tensors, {{"format", kFormat}, {"experiment", results.experiment}});
  for (auto& t : tables) writeFileAtomically(dir / t.fileName, t.content);
  writeFileAtomically(dir / "results.json", j.dump(1) + "\n");
}

// The control's subdirectory (metadata["control"]["directory"]), a plain name inside the
// results directory; empty when the run has no control.
std::string controlDirectory(const nlohmann::json& metadata, const fs::path& jsonPath) {
  // A control's own metadata.control (kind, seed) has no directory: it has no control itself.
  if (!metadata.is_object() || !metadata.contains("control") || !metadata.at("control").contains("directory")) return {};
  const nlohmann::json& given = metadata.at("control").at("directory");
  const std::string name = given.is_string() ? given.get<std::string>() : "";
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw Error(fileMessage(jsonPath.string(), msg::kResultsControlDirectory, {{"found", name}},
                            "metadata.control.directory must name a subdirectory, got \"" + name + "\""));
  return name;
}

// "malformed results: <detail>", coded: a value of the wrong kind or a missing key.
Error malformed(const fs::path& jsonPath, const std::string& detail) {
  return Error(fileMessage(jsonPath.string(), msg::kResultsMalformed, {{"detail", detail}}, "malformed results: " + detail));
}

}  // namespace

void saveResults(const RunResults& results, const fs::path& dir) {
  AtomicDirectory out(dir);
  writeResultsInto(results, out.path());
  if (results.control) {
    const std::string sub = controlDirectory(results.metadata, dir / "results.json");
    if (sub.empty()) throw Error("results with a control need metadata.control.directory");
    fs::create_directories(out.path() / sub);
    writeResultsInto(*results.control, out.path() / sub);
  }
  out.commit();
}

namespace {

// loadResults of `dir`, the run's own directory or (isControl) its control's subdirectory.
RunResults loadResultsDirectory(const fs::path& dir, const LoadProgress& progress, bool isControl) {
  const fs::path jsonPath = dir / "results.json";
  const fs::path vectorsPath = dir / "vectors.safetensors";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoDirectory, {}, "not a results directory (no such directory)"));
  if (!fs::exists(jsonPath, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoJson, {}, "not a results directory (no results.json)"));
  if (progress) progress(0.0);
  const std::string text = readFile(jsonPath);
  // Shares of the progress: parsing results.json, the statistics it holds, and the vectors
  // (read, then whatever the analysis computes from them), by the sizes of the two files.
  const auto vectorBytes = fs::file_size(vectorsPath, ec);
  const double jsonShare =
      ec ? 0.5 : 0.9 * static_cast<double>(text.size()) / static_cast<double>(text.size() + vectorBytes + 1);
  // With a control, the run takes the first half and control/ the second (known once parsed).
  LoadProgress overall = progress;
  nlohmann::json j;
  try {
    ProgressBuffer buffer(text, part(overall, 0.0, 0.5 * jsonShare));
    std::istream in(&buffer);
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileMessage(jsonPath.string(), msg::kFileInvalidJson, {{"detail", e.what()}},
                            std::string("not valid JSON: ") + e.what()));
  }
  RunResults r;
  std::unique_ptr<Analysis> analysis;
  try {
    if (!j.is_object() || j.value("format", "") != kFormat)
      throw Error(fileMessage(jsonPath.string(), msg::kResultsNotLaminar, {},
                              "not a Laminar results file (\"format\" is not \"laminar-results\")"));
    const nlohmann::json& versionField = j.at("formatVersion");
    if (!versionField.is_number_integer())
      throw Error(fileMessage(jsonPath.string(), msg::kResultsVersionNotInteger, {{"found", jsonExcerpt(versionField)}},
                              "\"formatVersion\" is not an integer: " + jsonExcerpt(versionField)));
    const int64_t version = versionField.get<int64_t>();
    if (version > kFormatVersion)
      throw Error(fileMessage(jsonPath.string(), msg::kResultsNewerVersion,
                              {{"found", std::to_string(version)}, {"max", std::to_string(kFormatVersion)}},
                              "written by a newer Laminar (format version " + std::to_string(version) +
                                  "; this one reads up to " + std::to_string(kFormatVersion) + ")"));
    r.experiment = j.at("experiment").get<std::string>();
    r.metadata = j.at("metadata");
    r.diagnostics = j.at("diagnostics").get<std::vector<std::string>>();
    analysis = makeAnalysis(r.experiment);
    try {
      analysis->fromJson(j.at(r.experiment), r);
    } catch (const Error& e) {  // a value of the wrong kind (an integer field holding 1e99)
      throw malformed(jsonPath, e.what());
    }
  } catch (const nlohmann::json::exception& e) {
    throw malformed(jsonPath, e.what());
  }
  // Directories written before controls existed have no metadata.control: no control.
  const std::string sub = controlDirectory(r.metadata, jsonPath);
  // saveResults writes one level; a control naming a control of its own is a hand-made
  // folder, and a link back up (control -> .) would have it load itself until the path
  // grows too long.
  if (isControl && !sub.empty())
    throw Error(fileMessage(jsonPath.string(), msg::kResultsNestedControl, {{"found", sub}},
                            "a control has no control of its own, but metadata.control.directory is \"" + sub + "\""));
  const double runShare = sub.empty() ? 1.0 : 0.5;
  if (!sub.empty()) overall = part(progress, 0.0, runShare);
  if (overall) overall(jsonShare);

  auto file = SafetensorsFile::open(vectorsPath);
  try {
    const auto& list = j.at("vectors");
    for (const auto& v : list) {
      const std::string name = v.at("name").get<std::string>();
      const TensorView* t = file->find(name);
      if (!t)
        throw Error(fileMessage(vectorsPath.string(), msg::kResultsTensorMissing, {{"tensor", name}},
                                "tensor \"" + name + "\" listed in results.json is missing"));
      StoredArray a;
      a.name = name;
      a.dtype = t->dtype;
      a.shape = t->shape;
      const auto* p = static_cast<const unsigned char*>(t->data);
      a.bytes.assign(p, p + t->byteSize);
      r.vectors.push_back(std::move(a));
      if (overall) overall(jsonShare + 0.05 * static_cast<double>(r.vectors.size()) / static_cast<double>(list.size()));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileMessage(jsonPath.string(), msg::kResultsMalformedVectors, {{"detail", e.what()}},
                            std::string("malformed \"vectors\" list: ") + e.what()));
  }
  try {
    analysis->fromVectors(r, part(overall, jsonShare + 0.05, 1.0));
  } catch (const Error& e) {
    if (!e.message().code.empty()) throw;  // already names its file and says what is wrong
    throw Error(fileMessage(vectorsPath.string(), msg::kResultsVectorsUnusable, {{"detail", e.what()}}, e.what()));
  }
  if (overall) overall(1.0);
  if (!sub.empty()) {
    r.control = std::make_shared<RunResults>(loadResultsDirectory(dir / sub, part(progress, runShare, 1.0), true));
    if (r.control->experiment != r.experiment)
      throw Error(fileMessage((dir / sub / "results.json").string(), msg::kResultsControlExperiment,
                              {{"found", r.control->experiment}},
                              "the control's experiment \"" + r.control->experiment + "\" is not the run's"));
  }
  return r;
}

}  // namespace

RunResults loadResults(const fs::path& dir) { return loadResults(dir, LoadProgress{}); }

RunResults loadResults(const fs::path& dir, const LoadProgress& progress) {
  return loadResultsDirectory(dir, progress, false);
}

}  // namespace laminar
