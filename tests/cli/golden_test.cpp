// CLI golden tests (architecture guide §1.7). Each directory under cases/ is one test:
//   args       the arguments after `specmesh`, one per line (an empty line is an empty argument)
//   stdout     what the command prints on standard output
//   stderr     what it prints on standard error
//   exit_code  the exit code, as a number
//   real_adapters  optional: "kafka" and/or "registry", one a line: those connections use the
//              real adapters (kafka::make_kafka_admin, registry::make_schema_registry), not the
//              fakes; args then reach test-owned loopback ports as 127.0.0.1:$CLOSED_PORT
//              (nothing listens), 127.0.0.1:$UNREACHABLE_PORT (never connects) and
//              127.0.0.1:$HTTP_PORT (a web server answering anything with 400), and the
//              outputs show those placeholders for the numbers
//   max_seconds  optional: the command must end within this many seconds
//   stdin      (optional) what the command reads on standard input
// In stdout and stderr, `{{REGEX}}` matches what the regular expression (ECMAScript) matches,
// for what changes from build to build (the commit in `specmesh version`).
// The command runs in-process through cli::run, with tests/data as the working directory, so
// paths in args and in the diagnostics are short and relative (`specs/bad/missing-id.yaml`).
//
// Schema errors name files by absolute path; the test data directory in them is written as
// $TEST_DATA so the golden files do not depend on where the repository is checked out.
//
// With SPECMESH_UPDATE_GOLDEN=1 the test writes what the program printed into the case files
// instead of comparing. Review every rewritten file against the behaviour contract before
// committing it: a golden that captures a bug is worse than none.
#include "fake_services.hpp"
#include "loopback_ports.hpp"
#include "scripted_server.hpp"

#include <specmesh/cli/run.hpp>
#include <specmesh/kafka/connect.hpp>
#include <specmesh/registry/connect.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path k_cases_dir{SPECMESH_CLI_CASES};
const fs::path k_data_dir{SPECMESH_TEST_DATA};

/// The case directory names, sorted so the test order is stable.
std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(k_cases_dir, error)) {
    if (entry.is_directory() && fs::exists(entry.path() / "args")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The whole file, or nullopt when it does not exist.
std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

/// One argument per line; the newline after the last line is optional.
std::vector<std::string> split_args(std::string_view text) {
  std::vector<std::string> args;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    args.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return args;
}

/// The `before` file's commands: one per line, arguments separated by spaces; '#' comments.
std::vector<std::vector<std::string>> split_commands(const std::string& text) {
  std::vector<std::vector<std::string>> commands;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> args{std::istream_iterator<std::string>(words), {}};
    if (!args.empty() && !args.front().starts_with('#')) {
      commands.push_back(std::move(args));
    }
  }
  return commands;
}

/// Replaces every occurrence of `from` in `text` with `to`.
void replace_all(std::string& text, const std::string& from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

/// The output with the absolute test data directory (as given and as resolved) made portable.
std::string portable(std::string text) {
  constexpr std::string_view k_placeholder = "$TEST_DATA";
  replace_all(text, fs::current_path().string(), k_placeholder);
  replace_all(text, k_data_dir.lexically_normal().string(), k_placeholder);
  return text;
}

/// The loopback ports a real_adapters case reaches, by the placeholder its files name them by.
class LoopbackPorts {
public:
  LoopbackPorts()
      : m_web(specmesh::test_servers::ScriptedServer::AnyRequest{},
              "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n") {}

  /// `text` with each placeholder replaced by its port number (`to_numbers`), or back.
  std::string substitute(std::string text, bool to_numbers) const {
    for (const auto& [placeholder, port] : {std::pair<std::string, int>{"$CLOSED_PORT", m_closed},
                                            {"$UNREACHABLE_PORT", m_unreachable.port()},
                                            {"$HTTP_PORT", m_web.port()}}) {
      const std::string number = "127.0.0.1:" + std::to_string(port);
      const std::string named = "127.0.0.1:" + placeholder;
      replace_all(text, to_numbers ? named : number, to_numbers ? number : named);
    }
    return text;
  }

  bool ready() const { return m_closed != 0 && m_unreachable.port() != 0 && m_web.port() != 0; }

private:
  int m_closed = specmesh::test_servers::closed_port();
  specmesh::test_servers::UnreachablePort m_unreachable;
  specmesh::test_servers::ScriptedServer m_web;
};
/// `text` as a regular expression that matches exactly it.
std::string regex_literal(const std::string& text) {
  static const std::regex k_special{R"([.^$|()\[\]{}*+?\\])"};
  return std::regex_replace(text, k_special, R"(\$&)");
}

/// Whether `actual` is `expected`, where each `{{REGEX}}` of `expected` matches its regex.
bool matches_golden(const std::string& expected, const std::string& actual) {
  std::string pattern;
  std::size_t literal_start = 0;
  for (std::size_t open = expected.find("{{"); open != std::string::npos;
       open = expected.find("{{", literal_start)) {
    const std::size_t close = expected.find("}}", open);
    if (close == std::string::npos) {
      break;
    }
    pattern += regex_literal(expected.substr(literal_start, open - literal_start));
    pattern += "(?:" + expected.substr(open + 2, close - open - 2) + ")";
    literal_start = close + 2;
  }
  if (literal_start == 0) {
    return expected == actual;
  }
  pattern += regex_literal(expected.substr(literal_start));
  return std::regex_match(actual, std::regex(pattern));
}

/// Writes `actual` unless the golden file already matches it (keeping its placeholders).
void update_golden(const fs::path& path, const std::string& actual) {
  const std::optional<std::string> expected = read_file(path);
  if (!expected || !matches_golden(*expected, actual)) {
    write_file(path, actual);
  }
}

bool update_mode() {
  const char* value = std::getenv("SPECMESH_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

/// GoogleTest names allow only letters, digits and '_'.
std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) == 0; }, '_');
  return name;
}

class CliGolden : public testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    m_previous_dir = fs::current_path();
    fs::current_path(k_data_dir);
  }
  void TearDown() override { fs::current_path(m_previous_dir); }

private:
  fs::path m_previous_dir;
};

TEST_P(CliGolden, MatchesGoldenFiles) {
  const fs::path dir = k_cases_dir / GetParam();
  const std::optional<std::string> args_text = read_file(dir / "args");
  ASSERT_TRUE(args_text.has_value()) << "missing " << dir / "args";
  const std::string real_adapters = read_file(dir / "real_adapters").value_or("");
  const LoopbackPorts ports;
  ASSERT_TRUE(ports.ready()) << "cannot set up the loopback ports";
  const std::vector<std::string> args = split_args(ports.substitute(*args_text, true));

  specmesh::cli_tests::FakeServices services;
  const nlohmann::json cluster = nlohmann::json::parse(
      read_file(dir / "cluster.json").value_or("{}"), nullptr, true, /*ignore_comments=*/true);
  specmesh::cli_tests::seed_state(cluster, services);
  for (const std::vector<std::string>& before :
       split_commands(read_file(dir / "before").value_or(""))) {
    std::ostringstream out;
    std::ostringstream err;
    specmesh::cli::Environment env = services.environment(out, err);
    ASSERT_EQ(specmesh::cli::run(before, env), 0)
        << "a 'before' command of case " << GetParam() << " failed:\n"
        << err.str();
  }
  services.kafka.calls.clear();
  services.registry.calls.clear();
  specmesh::cli_tests::inject_faults(cluster, services);

  std::ostringstream out;
  std::ostringstream err;
  specmesh::cli::Environment env = services.environment(out, err);
  if (real_adapters.find("kafka") != std::string::npos) {
    env.connect_kafka = specmesh::kafka::make_kafka_admin;
  }
  if (real_adapters.find("registry") != std::string::npos) {
    env.connect_registry = specmesh::registry::make_schema_registry;
  }
  const auto started = std::chrono::steady_clock::now();
  std::istringstream in(read_file(dir / "stdin").value_or(""));
  env.in = &in;
  const int exit_code = specmesh::cli::run(args, env);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  if (const std::optional<std::string> max_seconds = read_file(dir / "max_seconds")) {
    EXPECT_LE(took.count(), std::stod(*max_seconds)) << "duration of case " << GetParam();
  }
  const std::string actual_out = ports.substitute(portable(out.str()), false);
  const std::string actual_err = ports.substitute(portable(err.str()), false);
  const std::string actual_exit_code = std::to_string(exit_code) + "\n";
  // Only cases that keep a calls file check them: most cases are about what the user sees.
  const bool checks_calls = fs::exists(dir / "calls");
  const std::string actual_calls = specmesh::cli_tests::recorded_calls(services);

  if (update_mode()) {
    update_golden(dir / "stdout", actual_out);
    update_golden(dir / "stderr", actual_err);
    write_file(dir / "exit_code", actual_exit_code);
    if (checks_calls) {
      write_file(dir / "calls", actual_calls);
    }
    return;
  }
  const std::string hint = "(run with SPECMESH_UPDATE_GOLDEN=1 to write the golden files)";
  const std::optional<std::string> expected_out = read_file(dir / "stdout");
  const std::optional<std::string> expected_err = read_file(dir / "stderr");
  const std::optional<std::string> expected_exit_code = read_file(dir / "exit_code");
  ASSERT_TRUE(expected_out && expected_err && expected_exit_code)
      << "case " << GetParam() << " lacks stdout, stderr or exit_code " << hint;
  EXPECT_EQ(*expected_exit_code, actual_exit_code) << "exit code of case " << GetParam();
  if (!matches_golden(*expected_out, actual_out)) {
    EXPECT_EQ(*expected_out, actual_out) << "stdout of case " << GetParam();
  }
  if (!matches_golden(*expected_err, actual_err)) {
    EXPECT_EQ(*expected_err, actual_err) << "stderr of case " << GetParam();
  }
  if (checks_calls) {
    EXPECT_EQ(read_file(dir / "calls").value_or(""), actual_calls)
        << "calls of case " << GetParam();
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, CliGolden, testing::ValuesIn(case_names()), test_name);

} // namespace
