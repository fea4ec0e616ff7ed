#include "json_schema_check.hpp"

#include "spec/asyncapi_schemas.hpp"
#include "spec/valijson_formats.hpp"

#include <memory>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

namespace specmesh::schema {

namespace {

/// The draft-07 meta-schema, parsed once. AsyncAPI 2.6.0 embeds it at
/// #/definitions/json-schema-draft-07-schema with its `$ref`s pointing into the whole document,
/// so the root is a `$ref` to it beside the document's definitions.
const valijson::Schema& draft07_meta_schema() {
  static const std::unique_ptr<valijson::Schema> meta = [] {
    const std::string_view text = spec::official_asyncapi_schema("2.6.0");
    if (text.empty()) {
      throw std::logic_error("the AsyncAPI 2.6.0 schema is not embedded");
    }
    const nlohmann::json asyncapi = nlohmann::json::parse(text);
    nlohmann::json root{{"$ref", "#/definitions/json-schema-draft-07-schema"},
                        {"definitions", asyncapi.at("definitions")}};
    spec::remove_format_keywords(root);
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(root), *schema);
    return schema;
  }();
  return *meta;
}

/// The value a valijson context ("<root>", "[properties]", "[0]", …) leads to in `root`.
const Json& value_at(const Json& root, const std::vector<std::string>& context) {
  const Json* value = &root;
  for (const std::string& step : context) {
    if (step.size() < 2 || step.front() != '[' || step.back() != ']') {
      continue; // "<root>"
    }
    const std::string key = step.substr(1, step.size() - 2);
    if (value->is_object() && value->contains(key)) {
      value = &(*value)[key];
    } else if (value->is_array() && !key.empty()
               && key.find_first_not_of("0123456789") == std::string::npos
               && std::stoul(key) < value->size()) {
      value = &(*value)[std::stoul(key)];
    } else {
      break;
    }
  }
  return *value;
}

} // namespace

Result<void> check_json_schema(const JsonDocument& document) {
  const nlohmann::json target = document.root();
  valijson::Validator validator;
  valijson::ValidationResults results;
  if (validator.validate(
          draft07_meta_schema(), valijson::adapters::NlohmannJsonAdapter(target), &results)) {
    return {};
  }
  // valijson reports each failing level, outermost first; the deepest is the most specific.
  valijson::ValidationResults::Error deepest;
  for (const valijson::ValidationResults::Error& error : results) {
    if (deepest.description.empty() || error.context.size() > deepest.context.size()) {
      deepest = error;
    }
  }
  return tl::unexpected(located_error(document.where(value_at(document.root(), deepest.context)),
                                      "invalid JSON Schema: " + deepest.description));
}

} // namespace specmesh::schema
