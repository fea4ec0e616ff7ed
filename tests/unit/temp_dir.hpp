// A directory of its own for each test that writes files; removed with everything in it.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace specmesh::unit {

class TempDir {
public:
  TempDir() {
    static std::atomic<int> counter{0};
    m_path =
        std::filesystem::temp_directory_path()
        / ("specmesh-unit-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` byte for byte (CRLF stays CRLF), creating the directories `name` names, and
  /// returns the file's path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((m_path / name).parent_path());
    std::ofstream(m_path / name, std::ios::binary) << text;
    return (m_path / name).string();
  }
  std::string path(const std::string& name) const { return (m_path / name).string(); }
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

} // namespace specmesh::unit
