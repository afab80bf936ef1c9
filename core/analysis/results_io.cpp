// The results directory (docs/results-format.md): results.json, CSV tables, vectors.safetensors.
#include <set>

#include "analysis/analysis.h"
#include "analysis/run_results.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {
constexpr const char* kFormat = "laminar-results";
constexpr int kFormatVersion = 1;

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
    throw Error(fileError(jsonPath.string(), "metadata.control.directory must name a subdirectory, got \"" + name + "\""));
  return name;
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

RunResults loadResults(const fs::path& dir) {
  const fs::path jsonPath = dir / "results.json";
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoDirectory, {}, "not a results directory (no such directory)"));
  if (!fs::exists(jsonPath, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoJson, {}, "not a results directory (no results.json)"));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(jsonPath));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileError(jsonPath.string(), std::string("not valid JSON: ") + e.what()));
  }
  RunResults r;
  std::unique_ptr<Analysis> analysis;
  try {
    if (!j.is_object() || j.value("format", "") != kFormat)
      throw Error(fileError(jsonPath.string(), "not a Laminar results file (\"format\" is not \"laminar-results\")"));
    int version = j.at("formatVersion").get<int>();
    if (version > kFormatVersion)
      throw Error(fileError(jsonPath.string(), "written by a newer Laminar (format version " + std::to_string(version) +
                                                   "; this one reads up to " + std::to_string(kFormatVersion) + ")"));
    r.experiment = j.at("experiment").get<std::string>();
    r.metadata = j.at("metadata");
    r.diagnostics = j.at("diagnostics").get<std::vector<std::string>>();
    analysis = makeAnalysis(r.experiment);
    analysis->fromJson(j.at(r.experiment), r);
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileError(jsonPath.string(), std::string("malformed results: ") + e.what()));
  }

  const fs::path vectorsPath = dir / "vectors.safetensors";
  auto file = SafetensorsFile::open(vectorsPath);
  try {
    for (const auto& v : j.at("vectors")) {
      const std::string name = v.at("name").get<std::string>();
      const TensorView* t = file->find(name);
      if (!t) throw Error(fileError(vectorsPath.string(), "tensor \"" + name + "\" listed in results.json is missing"));
      StoredArray a;
      a.name = name;
      a.dtype = t->dtype;
      a.shape = t->shape;
      const auto* p = static_cast<const unsigned char*>(t->data);
      a.bytes.assign(p, p + t->byteSize);
      r.vectors.push_back(std::move(a));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileError(jsonPath.string(), std::string("malformed \"vectors\" list: ") + e.what()));
  }
  try {
    analysis->fromVectors(r);
  } catch (const Error& e) {
    throw Error(fileError(vectorsPath.string(), e.what()));
  }
  // Directories written before controls existed have no metadata.control: no control.
  const std::string sub = controlDirectory(r.metadata, jsonPath);
  if (!sub.empty()) {
    r.control = std::make_shared<RunResults>(loadResults(dir / sub));
    if (r.control->experiment != r.experiment)
      throw Error(fileError((dir / sub / "results.json").string(), "the control's experiment \"" +
                                                                      r.control->experiment + "\" is not the run's"));
  }
  return r;
}

}  // namespace laminar
