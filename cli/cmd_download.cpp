// laminar-cli download: fetches a GPT-2 checkpoint into the Hugging Face cache (shared with
// Python transformers), resumable, verified; progress on stderr, the snapshot folder on stdout.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command_registry.h"
#include "hub/byte_format.h"
#include "hub/hub_environment.h"
#include "hub/known_models.h"
#include "hub/model_downloader.h"
#include "util/error.h"

namespace laminar::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted.store(true); }

struct DownloadCliOptions {
  std::string model, revision = "main", endpoint, cacheDir;
  bool quiet = false;
};

std::string progressLine(const hub::DownloadProgress& p) {
  const double percent = p.bytesTotal ? 100.0 * p.bytesDone / p.bytesTotal : 100.0;
  char pct[16];
  std::snprintf(pct, sizeof pct, "%5.1f%%", percent);
  std::string line = "[" + std::to_string(p.fileIndex + 1) + "/" + std::to_string(p.fileCount) + "] " + p.file +
                     "  " + hub::formatBytes(p.bytesDone) + " / " + hub::formatBytes(p.bytesTotal) + " " + pct;
  if (p.phase == hub::DownloadProgress::Phase::Verifying) return line + "  checking";
  if (p.bytesPerSecond > 0)
    line += "  " + hub::formatSpeed(p.bytesPerSecond) + "  " + hub::formatDuration(p.secondsRemaining) + " left";
  return line;
}

int runDownload(const DownloadCliOptions& o) {
  hub::DownloadOptions options;
  options.repo = hub::repoForName(o.model);
  options.revision = o.revision;
  options.endpoint = o.endpoint;
  options.cacheDirectory = o.cacheDir;
  const bool tty = ::isatty(STDERR_FILENO);
  options.log = [&o, tty](const std::string& line) {
    if (!o.quiet) std::cerr << (tty ? "\r\033[K" : "") << line << "\n";  // over the progress line
  };
  hub::ModelDownloader downloader(options);
  if (!o.quiet)
    std::cerr << "downloading " << options.repo << " (" << o.revision << ") into " << downloader.cacheDirectory().string()
              << "\n";

  // Ctrl-C stops cleanly: the partial file stays for the next run to resume.
  interrupted.store(false);
  auto previous = std::signal(SIGINT, onInterrupt);
  auto lastLine = std::chrono::steady_clock::now() - std::chrono::hours(1);
  size_t lastFile = static_cast<size_t>(-1);
  hub::DownloadResult result;
  try {
    result = downloader.run([&](const hub::DownloadProgress& p) {
      if (interrupted.load()) return false;
      if (o.quiet || p.phase == hub::DownloadProgress::Phase::Done) return true;
      const auto now = std::chrono::steady_clock::now();
      if (tty) {
        std::cerr << "\r\033[K" << progressLine(p) << std::flush;
      } else if (p.fileIndex != lastFile || now - lastLine > std::chrono::seconds(10)) {
        std::cerr << progressLine(p) << "\n";  // a log file gets a line now and then
        lastLine = now;
        lastFile = p.fileIndex;
      }
      return true;
    });
  } catch (const Cancelled&) {
    std::signal(SIGINT, previous);
    if (tty && !o.quiet) std::cerr << "\n";
    std::cerr << "laminar-cli: download interrupted; run the same command again to resume\n";
    return 130;
  } catch (...) {
    std::signal(SIGINT, previous);
    if (tty && !o.quiet) std::cerr << "\n";
    throw;
  }
  std::signal(SIGINT, previous);
  if (!o.quiet) {
    if (tty) std::cerr << "\r\033[K";
    std::cerr << options.repo << " at " << result.commit << ": " << hub::formatBytes(result.totalBytes)
              << (result.bytesTransferred ? ", " + hub::formatBytes(result.bytesTransferred) + " downloaded"
                                          : ", already in the cache")
              << "\n";
  }
  std::cout << result.snapshotDirectory.string() << "\n";
  return 0;
}

RegisterCommand downloadCommand([](CLI::App& app) {
  auto o = std::make_shared<DownloadCliOptions>();
  std::string known;
  for (const auto& m : hub::knownModels()) known += (known.empty() ? "" : ", ") + m.id;
  auto* sub = app.add_subcommand(
      "download",
      "Download a GPT-2 checkpoint into the Hugging Face cache (resumable; prints the snapshot folder)");
  sub->add_option("model", o->model, "Model to download: " + known + ", or a hub repository id (org/name)")
      ->required();
  sub->add_option("--revision", o->revision, "Branch, tag or commit (default: main)");
  sub->add_option("--endpoint", o->endpoint, "Hub address (default: $HF_ENDPOINT or https://huggingface.co)");
  sub->add_option("--cache-dir", o->cacheDir,
                  "Cache folder (default: $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress on stderr");
  return std::function<int()>([o] { return runDownload(*o); });
});

}  // namespace
}  // namespace laminar::cli
