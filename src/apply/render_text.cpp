#include <specmesh/apply/render.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace specmesh::apply {

namespace {

using plan::Action;

/// Left-aligned columns, two spaces apart; the last column is not padded. A note row (an empty
/// first cell and one text) runs to the end of the line and does not widen the columns.
class Table {
public:
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }

  void write(std::ostringstream& out) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
      if (is_note(row)) {
        continue;
      }
      widths.resize(std::max(widths.size(), row.size()), 0);
      for (std::size_t i = 0; i < row.size(); ++i) {
        widths[i] = std::max(widths[i], row[i].size());
      }
    }
    for (const auto& row : m_rows) {
      std::string line = " ";
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += ' ';
        line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}} ", row[i], widths[i]);
      }
      out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
    }
  }

private:
  std::vector<std::vector<std::string>> m_rows;

  static bool is_note(const std::vector<std::string>& row) {
    return row.size() == 2 && row[0].empty();
  }
};

std::string config_text(const plan::ConfigMap& config) {
  std::string out;
  for (const auto& [key, value] : config) {
    out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, value);
  }
  return out.empty() ? "-" : out;
}

/// Writes the section's table of changed items and counts the unchanged ones.
template <typename Change, typename Row>
void section(std::ostringstream& out,
             const char* title,
             const std::vector<Change>& changes,
             std::vector<std::string> header,
             Row row) {
  Table table;
  table.add(std::move(header));
  std::size_t unchanged = 0;
  for (const Change& change : changes) {
    if (change.action == Action::unchanged) {
      ++unchanged;
      continue;
    }
    for (auto& line : row(change)) {
      table.add(std::move(line));
    }
  }
  out << fmt::format("{} ({} in spec scope{})\n",
                     title,
                     changes.size(),
                     unchanged == 0 ? "" : fmt::format(", {} unchanged", unchanged));
  if (changes.size() > unchanged) {
    table.write(out);
  }
  out << '\n';
}

void add_error(std::vector<std::vector<std::string>>& rows, const plan::Outcome& outcome) {
  if (!outcome.error.empty()) {
    rows.push_back({"", fmt::format("  error: {}", outcome.error)});
  }
}

std::vector<std::vector<std::string>> topic_rows(const plan::TopicChange& change) {
  const plan::Topic& topic = change.topic;
  std::vector<std::vector<std::string>> rows{
      {state_word(change.action, change.outcome),
       topic.name,
       std::to_string(topic.partitions),
       topic.replication < 0 ? "default" : std::to_string(topic.replication),
       config_text(topic.config)}};
  for (const auto& notes : {change.details, change.warnings}) {
    for (const std::string& note : notes) {
      rows.push_back({"", fmt::format("  {}", note)});
    }
  }
  add_error(rows, change.outcome);
  return rows;
}

std::vector<std::vector<std::string>> acl_rows(const plan::AclChange& change) {
  const plan::AclBinding& acl = change.acl;
  std::vector<std::vector<std::string>> rows{{state_word(change.action, change.outcome),
                                              to_string(acl.resource_type),
                                              acl.resource_name,
                                              to_string(acl.pattern_type),
                                              acl.principal,
                                              to_string(acl.operation)}};
  add_error(rows, change.outcome);
  return rows;
}

std::vector<std::vector<std::string>> subject_rows(const plan::SubjectChange& change) {
  std::vector<std::vector<std::string>> rows{
      {state_word(change.action, change.outcome),
       change.subject.subject,
       change.action == Action::failed ? "-" : schema::to_string(change.subject.type),
       change.subject.path}};
  if (!change.detail.empty()) {
    rows.push_back({"", fmt::format("  {}", change.detail)});
  }
  add_error(rows, change.outcome);
  return rows;
}

template <typename Change>
void count(const std::vector<Change>& changes,
           std::map<std::string, std::size_t>& totals,
           bool& executed) {
  for (const Change& change : changes) {
    ++totals[state_word(change.action, change.outcome)];
    executed = executed || change.outcome.status != plan::Outcome::Status::pending;
  }
}

} // namespace

std::string render_text(const plan::Plan& plan) {
  std::ostringstream out;
  out << fmt::format("Plan for domain '{}'\n\n", plan.domain);
  section(out,
          "Topics",
          plan.topics,
          {"STATE", "TOPIC", "PARTITIONS", "REPLICATION", "CONFIG"},
          topic_rows);
  section(out,
          "ACLs",
          plan.acls,
          {"STATE", "RESOURCE", "NAME", "PATTERN", "PRINCIPAL", "OPERATION"},
          acl_rows);
  section(out, "Schemas", plan.subjects, {"STATE", "SUBJECT", "TYPE", "FILE"}, subject_rows);

  std::map<std::string, std::size_t> totals;
  bool executed = false;
  count(plan.topics, totals, executed);
  count(plan.acls, totals, executed);
  count(plan.subjects, totals, executed);
  if (executed) {
    out << fmt::format("Result: {} created, {} updated, {} deleted, {} unchanged",
                       totals["CREATED"],
                       totals["UPDATED"],
                       totals["DELETED"],
                       totals["UNCHANGED"]);
  } else {
    out << fmt::format("Summary: {} to create, {} to update, {} to delete, {} unchanged",
                       totals["CREATE"],
                       totals["UPDATE"],
                       totals["DELETE"],
                       totals["UNCHANGED"]);
  }
  for (const char* word : {"IGNORED", "BLOCKED", "FAILED"}) {
    if (totals[word] > 0) {
      out << fmt::format(", {} {}", totals[word], word);
    }
  }
  out << '\n';
  return out.str();
}

} // namespace specmesh::apply
