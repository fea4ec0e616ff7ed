#include "kind_rendering.hpp"

#include <specmesh/apply/render.hpp>

#include <nlohmann/json.hpp>

namespace specmesh::apply {

using nlohmann::ordered_json;
using plan::Action;

ordered_json json_exception(const plan::Outcome& outcome) {
  return outcome.errors.empty() ? ordered_json(nullptr) : ordered_json(outcome.message());
}

std::string render_json(const plan::Plan& plan) {
  ordered_json doc;
  doc["domain"] = plan.domain;
  std::map<std::string, int> totals;
  for (const Action action : {Action::create,
                              Action::update,
                              Action::remove,
                              Action::unchanged,
                              Action::ignored,
                              Action::blocked,
                              Action::failed}) {
    totals[to_string(action)] = 0;
  }
  plan::for_each_kind(
      [&](const auto& changes) {
        ordered_json& items = doc[json_key(changes)] = ordered_json::array();
        for (const auto& change : changes) {
          items.push_back(to_json(change));
          ++totals[state_word(change.action, change.outcome)];
        }
      },
      plan);
  doc["summary"] = totals;
  // Names are validated ASCII, but principals and config values may hold any bytes.
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render(const plan::Plan& plan, OutputFormat format) {
  return format == OutputFormat::json ? render_json(plan) : render_text(plan);
}

} // namespace specmesh::apply
