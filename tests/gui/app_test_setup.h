// What every application test does first: keep away from the developer's own Hugging Face
// cache (HF_HOME inside the test's folder), make the run types known to queued connections,
// and write the small synthetic checkpoints it runs on; and the process's own footprint.
#pragma once

#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include <fstream>
#include <string>

#include "app/demo_model.h"
#include "app/run_worker.h"

namespace laminar {

inline QString testHfHome(const QTemporaryDir& dir) { return QDir(dir.path()).filePath(QStringLiteral("hf-home")); }

inline void prepareApplicationTest(const QTemporaryDir& dir) {
  qputenv("HF_HOME", testHfHome(dir).toUtf8());
  registerRunMetaTypes();
}

// A random-weight checkpoint of `shape` ("WIDTHxLAYERSxHEADS") in dir/name; returns its folder.
inline QString createTestModel(const QTemporaryDir& dir, const QString& name, const char* shape) {
  const QString folder = QDir(dir.path()).filePath(name);
  createDemoModel(folder.toStdString(), nullptr, shape);
  return folder;
}

// A number from /proc/self/status ("VmRSS:" in kB, "Threads:"); -1 when it is not there.
inline long processStatusField(const char* name) {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == name) {
      long value = 0;
      status >> value;
      return value;
    }
    status.ignore(1 << 20, '\n');
  }
  return -1;
}

}  // namespace laminar
