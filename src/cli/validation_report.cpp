#include "validation_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace specmesh::cli {

namespace {

using Json = nlohmann::ordered_json;

const char* severity_name(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::size_t count_of(const ValidationReport& report, Severity severity) {
  return static_cast<std::size_t>(
      std::count_if(report.findings.begin(), report.findings.end(), [&](const Finding& finding) {
        return finding.severity == severity;
      }));
}

/// GitHub's escaping of a workflow command's message (and, with `in_property`, of a property).
std::string github_escaped(const std::string& text, bool in_property) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
    case '%':
      escaped += "%25";
      break;
    case '\r':
      escaped += "%0D";
      break;
    case '\n':
      escaped += "%0A";
      break;
    case ':':
      escaped += in_property ? "%3A" : ":";
      break;
    case ',':
      escaped += in_property ? "%2C" : ",";
      break;
    default:
      escaped += c;
    }
  }
  return escaped;
}

/// A SARIF artifact URI: relative paths stay relative, absolute ones become file:// URIs;
/// characters outside RFC 3986's unreserved set and '/' are percent-encoded.
std::string artifact_uri(const std::string& path) {
  std::string uri = path.starts_with('/') ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += c;
    } else {
      uri += fmt::format("%{:02X}", byte);
    }
  }
  return uri;
}

} // namespace

bool ValidationReport::valid() const {
  return count_of(*this, Severity::error) == 0;
}

std::string render_report_json(const ValidationReport& report) {
  Json diagnostics = Json::array();
  for (const Finding& finding : report.findings) {
    const SourceLocation& where = finding.diagnostic.where;
    Json entry{{"severity", severity_name(finding.severity)}, {"file", where.file}};
    if (where.line > 0) {
      entry["line"] = where.line;
    }
    if (where.column > 0) {
      entry["column"] = where.column;
    }
    entry["message"] = finding.diagnostic.message;
    diagnostics.push_back(std::move(entry));
  }
  const Json document{{"spec", report.spec},
                      {"valid", report.valid()},
                      {"domain", report.domain},
                      {"diagnostics", std::move(diagnostics)},
                      {"summary",
                       {{"errors", count_of(report, Severity::error)},
                        {"warnings", count_of(report, Severity::warning)},
                        {"topics", report.topics},
                        {"acls", report.acls},
                        {"subjects", report.subjects}}}};
  return document.dump(2) + "\n";
}

std::string render_report_github(const ValidationReport& report) {
  std::string commands;
  for (const Finding& finding : report.findings) {
    const SourceLocation& where = finding.diagnostic.where;
    std::string properties = "file=" + github_escaped(where.file, true);
    if (where.line > 0) {
      properties += fmt::format(",line={}", where.line);
    }
    if (where.column > 0) {
      properties += fmt::format(",col={}", where.column);
    }
    commands += fmt::format("::{} {}::{}\n",
                            severity_name(finding.severity),
                            properties,
                            github_escaped(finding.diagnostic.message, false));
  }
  return commands;
}

std::string render_report_sarif(const ValidationReport& report, const std::string& version) {
  Json results = Json::array();
  for (const Finding& finding : report.findings) {
    const SourceLocation& where = finding.diagnostic.where;
    Json physical{{"artifactLocation", {{"uri", artifact_uri(where.file)}}}};
    if (where.line > 0) {
      physical["region"] = {{"startLine", where.line}};
      if (where.column > 0) {
        physical["region"]["startColumn"] = where.column;
      }
    }
    results.push_back({{"ruleId", finding.rule},
                       {"level", severity_name(finding.severity)},
                       {"message", {{"text", finding.diagnostic.message}}},
                       {"locations", Json::array({{{"physicalLocation", std::move(physical)}}})}});
  }
  const Json log{
      {"version", "2.1.0"},
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"runs",
       Json::array({{{"tool",
                      {{"driver",
                        {{"name", "specmesh"},
                         {"version", version},
                         {"informationUri", "https://github.com/specmesh/specmesh-build"}}}}},
                     {"results", std::move(results)}}})}};
  return log.dump(2) + "\n";
}

} // namespace specmesh::cli
