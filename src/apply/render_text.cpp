#include "kind_rendering.hpp"

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

/// Writes the kind's table of changed items (each with its details, warnings and errors as
/// notes) and counts the unchanged ones.
template <typename Resource>
void section(std::ostringstream& out, const plan::Changes<Resource>& changes) {
  const TextSection layout = text_section(changes);
  if (changes.empty() && !layout.shown_when_empty) {
    return;
  }
  Table table;
  std::vector<std::string> header{"STATE"};
  header.insert(header.end(), layout.columns.begin(), layout.columns.end());
  table.add(std::move(header));
  std::size_t unchanged = 0;
  for (const plan::Change<Resource>& change : changes) {
    if (change.action == Action::unchanged) {
      ++unchanged;
      continue;
    }
    std::vector<std::string> row{state_word(change.action, change.outcome)};
    for (std::string& cell : text_row(change)) {
      row.push_back(std::move(cell));
    }
    table.add(std::move(row));
    for (const auto& notes : {change.details, change.warnings}) {
      for (const std::string& note : notes) {
        table.add({"", fmt::format("  {}", note)});
      }
    }
    if (!change.outcome.errors.empty()) {
      table.add({"", fmt::format("  error: {}", change.outcome.message())});
    }
  }
  out << fmt::format("{} ({} in spec scope{})\n",
                     layout.title,
                     changes.size(),
                     unchanged == 0 ? "" : fmt::format(", {} unchanged", unchanged));
  if (changes.size() > unchanged) {
    table.write(out);
  }
  out << '\n';
}

} // namespace

std::string render_text(const plan::Plan& plan) {
  std::ostringstream out;
  out << fmt::format("Plan for domain '{}'\n\n", plan.domain);
  std::map<std::string, std::size_t> totals;
  bool executed = false;
  plan::for_each_kind(
      [&](const auto& changes) {
        section(out, changes);
        for (const auto& change : changes) {
          ++totals[state_word(change.action, change.outcome)];
          executed = executed || change.outcome.status != plan::Outcome::Status::pending;
        }
      },
      plan);
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
