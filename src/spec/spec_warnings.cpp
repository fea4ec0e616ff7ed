#include "spec_warnings.hpp"

#include "asyncapi_check.hpp"
#include "kafka_binding_check.hpp"

#include <algorithm>
#include <utility>

namespace specmesh::spec {

namespace {

/// Whether the loader already reports `finding` as an error: a value's problem at the same
/// position, or the same missing key.
bool repeats_an_error(const Finding& finding, const std::vector<Diagnostic>& errors) {
  if (finding.unknown_key) {
    return false;
  }
  const yaml::Mark mark = finding.at.mark();
  return std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& error) {
    return error.where.line == mark.line && error.where.column == mark.column
           && (finding.missing_key.empty()
               || error.message.find("'" + finding.missing_key + "'") != std::string::npos);
  });
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
      });
}

} // namespace

void add_spec_warnings(yaml::Node root,
                       std::size_t text_size,
                       const std::string& file,
                       Result<ApiSpec>& loaded) {
  // Without aliases a document has fewer values than bytes; an alias bomb has far more.
  std::vector<Finding> findings = check_asyncapi_schema(root, 2 * text_size + 100'000);
  std::vector<Finding> kafka = check_kafka_bindings(root);
  findings.insert(
      findings.end(), std::make_move_iterator(kafka.begin()), std::make_move_iterator(kafka.end()));
  static const std::vector<Diagnostic> no_errors;
  const std::vector<Diagnostic>& errors = loaded ? no_errors : loaded.error().diagnostics;
  std::vector<Diagnostic> warnings;
  for (Finding& finding : findings) {
    if (!repeats_an_error(finding, errors)) {
      const yaml::Mark mark = finding.at.mark();
      warnings.push_back({{file, mark.line, mark.column},
                          std::move(finding.message),
                          Diagnostic::Severity::warning});
    }
  }
  std::vector<Diagnostic>& target = loaded ? loaded->warnings : loaded.error().diagnostics;
  target.insert(target.end(),
                std::make_move_iterator(warnings.begin()),
                std::make_move_iterator(warnings.end()));
  sort_by_position(target);
}

} // namespace specmesh::spec
