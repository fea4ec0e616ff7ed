#include <specmesh/apply/render.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include <fmt/format.h>

namespace specmesh::apply {

namespace {

using plan::Action;

/// Left-aligned columns, two spaces apart; the last column is not padded.
class Table {
public:
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  bool empty() const { return m_rows.empty(); }

  void write(std::ostringstream& out) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows) {
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

std::vector<std::vector<std::string>> topic_rows(const plan::TopicChange& change) {
  const plan::Topic& topic = change.topic;
  std::vector<std::vector<std::string>> rows{
      {to_string(change.action),
       topic.name,
       std::to_string(topic.partitions),
       topic.replication < 0 ? "default" : std::to_string(topic.replication),
       config_text(topic.config)}};
  for (const auto& notes : {change.details, change.warnings}) {
    for (const std::string& note : notes) {
      rows.push_back({"", fmt::format("  {}", note)});
    }
  }
  return rows;
}

std::vector<std::vector<std::string>> acl_rows(const plan::AclChange& change) {
  const plan::AclBinding& acl = change.acl;
  return {{to_string(change.action),
           to_string(acl.resource_type),
           acl.resource_name,
           to_string(acl.pattern_type),
           acl.principal,
           to_string(acl.operation)}};
}

std::vector<std::vector<std::string>> subject_rows(const plan::SubjectChange& change) {
  std::vector<std::vector<std::string>> rows{
      {to_string(change.action),
       change.subject.subject,
       change.action == Action::failed ? "-" : schema::to_string(change.subject.type),
       change.subject.path}};
  if (!change.detail.empty()) {
    rows.push_back({"", fmt::format("  {}", change.detail)});
  }
  return rows;
}

template <typename Change>
void count(const std::vector<Change>& changes, std::map<Action, std::size_t>& totals) {
  for (const Change& change : changes) {
    ++totals[change.action];
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

  std::map<Action, std::size_t> totals;
  count(plan.topics, totals);
  count(plan.acls, totals);
  count(plan.subjects, totals);
  out << fmt::format("Summary: {} to create, {} to update, {} to delete, {} unchanged",
                     totals[Action::create],
                     totals[Action::update],
                     totals[Action::remove],
                     totals[Action::unchanged]);
  for (const Action action : {Action::ignored, Action::blocked, Action::failed}) {
    if (totals[action] > 0) {
      out << fmt::format(", {} {}", totals[action], to_string(action));
    }
  }
  out << '\n';
  return out.str();
}

} // namespace specmesh::apply
