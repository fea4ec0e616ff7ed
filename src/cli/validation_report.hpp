// `specmesh validate --output json|yaml|github|sarif`: what validate found, as data.
#pragma once

#include <specmesh/error.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace specmesh::cli {

enum class Severity { error, warning };

/// One problem validate reports.
struct Finding {
  Severity severity = Severity::error;
  /// Where the problem comes from: "spec" (the spec document) or "schema" (a schema file).
  std::string rule;
  Diagnostic diagnostic;
};

/// What validating one spec found.
struct ValidationReport {
  std::string spec;   ///< the spec as diagnostics name it (`<stdin>` for `--spec -`)
  std::string domain; ///< empty when the spec did not load
  std::vector<Finding> findings;
  std::size_t topics = 0;
  std::size_t acls = 0;
  std::size_t subjects = 0;

  /// No finding is an error (warnings do not make a spec invalid).
  bool valid() const;
};

/// `{"spec", "valid", "domain", "diagnostics": [{"severity", "file", "line", "column",
/// "message"}], "summary": {"errors", "warnings", "topics", "acls", "subjects"}}`; line and
/// column are left out where unknown.
std::string render_report_json(const ValidationReport& report);

/// One GitHub Actions workflow command per finding: `::error file=F,line=L,col=C::message`.
std::string render_report_github(const ValidationReport& report);

/// A SARIF 2.1.0 log with one run and one result per finding; `version` is specmesh's.
std::string render_report_sarif(const ValidationReport& report, const std::string& version);

} // namespace specmesh::cli
