// `specmesh validate`: the spec and its schema files checked without a cluster; every problem
// as `file:line:col: message` (text) or as data (json, yaml, github, sarif).
#include "commands.hpp"
#include "output_format.hpp"
#include "validation_report.hpp"

#include <fmt/format.h>

namespace specmesh::cli {

namespace {

std::string count(std::size_t n, const char* noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

/// A warning is an error with --strict.
Severity severity_of(const Diagnostic& diagnostic, const CommandOptions& options) {
  return diagnostic.severity == Diagnostic::Severity::warning && !options.strict ? Severity::warning
                                                                                 : Severity::error;
}

/// Everything loading found, as findings: the spec's errors (or the one-line failure, placed
/// on the spec), its schema failures, then its warnings.
ValidationReport report_of(const CommandOptions& options, const LoadedSpec& loaded) {
  ValidationReport report{.spec = spec_display_name(options)};
  if (!loaded.state) {
    const Error& error = loaded.state.error();
    for (const Diagnostic& diagnostic : error.diagnostics) {
      report.findings.push_back({severity_of(diagnostic, options), "spec", diagnostic});
    }
    if (error.diagnostics.empty()) {
      report.findings.push_back({Severity::error, "spec", {{report.spec}, error.message}});
    }
    for (const plan::SchemaFailure& failure : loaded.schema_failures) {
      report.findings.push_back({Severity::error, "schema", failure.diagnostic});
    }
  } else {
    const plan::DesiredState& state = *loaded.state;
    for (const plan::SchemaFailure& failure : state.schema_failures) {
      report.findings.push_back({Severity::error, "schema", failure.diagnostic});
    }
    report.domain = state.scope.domain;
    report.topics = state.topics.size();
    report.acls = state.acls.size();
    report.subjects = state.subjects.size();
  }
  for (const Diagnostic& warning : loaded.warnings) {
    report.findings.push_back({severity_of(warning, options), "spec", warning});
  }
  return report;
}

/// The compiler-style report: problems and warnings on stderr, the verdict on stdout.
int print_text(const CommandOptions& options, const LoadedSpec& loaded, Environment& env) {
  print_warnings(options, loaded.warnings, env);
  if (!loaded.state) {
    return print_load_failure(loaded, env);
  }
  const plan::DesiredState& state = *loaded.state;
  if (!state.schema_failures.empty()) {
    print_schema_failures(state.schema_failures, env);
    env.err << fmt::format("specmesh: spec '{}' has {} schema problem{}\n",
                           spec_display_name(options),
                           state.schema_failures.size(),
                           state.schema_failures.size() == 1 ? "" : "s");
    return k_exit_error;
  }
  if (warnings_refused(options, loaded.warnings, env)) {
    return k_exit_error;
  }
  // A domain without storage reads as it always has.
  const std::string storage = state.storage.empty()
                                  ? ""
                                  : fmt::format(", {} in bucket '{}'",
                                                count(state.storage.size(), "storage item"),
                                                state.bucket);
  env.out << fmt::format("{}: valid; domain '{}': {}, {}, {}{}\n",
                         spec_display_name(options),
                         state.scope.domain,
                         count(state.topics.size(), "topic"),
                         count(state.acls.size(), "ACL"),
                         count(state.subjects.size(), "schema subject"),
                         storage);
  return k_exit_ok;
}

} // namespace

int run_validate(const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, "validate", env)) {
    return k_exit_error;
  }
  const LoadedSpec loaded = load_spec(options, !options.sr_disabled, env);
  if (options.output == "text") {
    return print_text(options, loaded, env);
  }
  const ValidationReport report = report_of(options, loaded);
  if (options.output == "github") {
    env.out << render_report_github(report);
  } else if (options.output == "sarif") {
    env.out << render_report_sarif(report, specmesh_version());
  } else {
    const std::string json = render_report_json(report);
    env.out << (options.output == "yaml" ? json_to_yaml(json) : json);
  }
  return report.valid() ? k_exit_ok : k_exit_error;
}

} // namespace specmesh::cli
