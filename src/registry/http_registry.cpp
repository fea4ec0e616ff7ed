// ports::SchemaRegistry over the Confluent Schema Registry REST API (libcurl). Tested against
// Apicurio Registry 3.3.3's ccompat/v7 API; its differences from Confluent are in
// docs/registry.md.
#include "errors.hpp"
#include "http/client.hpp"

#include <specmesh/registry/connect.hpp>
#include <specmesh/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <utility>

namespace specmesh::registry {

namespace {

constexpr std::string_view k_accept =
    "Accept: application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; "
    "qs=0.9, application/json; qs=0.5";
constexpr std::string_view k_content_type = "Content-Type: application/vnd.schemaregistry.v1+json";

using http::Method;
using http::Outcome;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::string_view k_subject = "subject";

bool success(const Response& response) {
  return response.status >= 200 && response.status < 300;
}

std::string subject_path(std::string_view subject) {
  return "/subjects/" + percent_encode(subject);
}

/// Confluent's error_code of an error answer (0 when it has none).
int registry_code(const Response& response) {
  return parse_problem(response.body).error_code;
}

/// Which answers mean "not there" (std::nullopt) rather than a failure.
using Absent = bool (*)(const Response&);

bool any_not_found(const Response& response) {
  return response.status == 404;
}

/// A 404 whose Confluent error_code is one of `codes`.
template <int... codes> bool not_found_with(const Response& response) {
  if (response.status != 404) {
    return false;
  }
  const int code = registry_code(response);
  return ((code == codes) || ...);
}

Result<json> parse_json(const Response& response, std::string_view what, std::string_view name) {
  json parsed = json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) {
    return fail(
        ErrorCode::internal,
        fmt::format(
            "{} '{}': the registry's answer is not JSON (HTTP {})", what, name, response.status));
  }
  return parsed;
}

Error malformed(std::string_view subject, std::string_view detail) {
  return Error{
      ErrorCode::internal,
      fmt::format("subject '{}': unexpected answer from the registry ({})", subject, detail),
      {}};
}

std::optional<schema::SchemaType> parse_type(const std::string& text) {
  for (const schema::SchemaType type :
       {schema::SchemaType::avro, schema::SchemaType::json, schema::SchemaType::protobuf}) {
    if (text == schema::to_string(type)) {
      return type;
    }
  }
  return std::nullopt;
}

/// A subject version as GET /subjects/{s}/versions/{v} and POST /subjects/{s} return it. An
/// absent schemaType means `absent_type`: AVRO in Confluent's API; for a lookup the type looked
/// up (Apicurio leaves schemaType out of lookup answers even for JSON and PROTOBUF).
Result<ports::RegisteredSchema>
to_registered(const json& body, const std::string& subject, schema::SchemaType absent_type) {
  if (!body.is_object()) {
    return tl::unexpected(malformed(subject, "not a JSON object"));
  }
  ports::RegisteredSchema registered;
  try {
    registered.subject = body.value("subject", subject);
    registered.version = body.at("version").get<int>();
    registered.id = body.at("id").get<int>();
    registered.schema = body.at("schema").get<std::string>();
    const std::string type = body.value("schemaType", std::string(schema::to_string(absent_type)));
    const std::optional<schema::SchemaType> parsed = parse_type(type);
    if (!parsed) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("subject '{}': unsupported schema type '{}'", subject, type));
    }
    registered.type = *parsed;
    if (const auto refs = body.find("references"); refs != body.end() && !refs->is_null()) {
      for (const json& ref : *refs) {
        registered.references.push_back(plan::SchemaReference{ref.at("name").get<std::string>(),
                                                              ref.at("subject").get<std::string>(),
                                                              ref.at("version").get<int>()});
      }
    }
  } catch (const json::exception& e) {
    return tl::unexpected(malformed(subject, e.what()));
  }
  return registered;
}

/// The body of register, lookup and compatibility requests.
std::string schema_body(const plan::Subject& schema,
                        const std::vector<plan::SchemaReference>& references) {
  json body{{"schema", schema.schema}};
  if (schema.type != schema::SchemaType::avro) {
    body["schemaType"] = schema::to_string(schema.type);
  }
  if (!references.empty()) {
    json refs = json::array();
    for (const plan::SchemaReference& ref : references) {
      refs.push_back({{"name", ref.name}, {"subject", ref.subject}, {"version", ref.version}});
    }
    body["references"] = std::move(refs);
  }
  return body.dump();
}

Result<std::vector<int>> to_versions(const json& body, const std::string& subject) {
  if (!body.is_array()) {
    return tl::unexpected(malformed(subject, "deleted versions are not a JSON list"));
  }
  std::vector<int> versions;
  for (const json& version : body) {
    if (!version.is_number_integer()) {
      return tl::unexpected(malformed(subject, "a deleted version is not a number"));
    }
    versions.push_back(version.get<int>());
  }
  return versions;
}

class HttpRegistry final : public ports::SchemaRegistry {
public:
  HttpRegistry(http::ClientOptions options, std::string display_url, int max_parallel)
      : m_client(std::move(options)), m_display_url(std::move(display_url)),
        m_max_parallel(max_parallel) {}

  int concurrency() const override { return m_max_parallel; }

  /// Any HTTP answer, or the transport failure as an Error.
  Result<Response> call(Method method, std::string path, std::string body = {}) {
    return answer(m_client.send(Request{method, std::move(path), std::move(body)}));
  }

  /// The connection check: GET /subjects within `budget`.
  Result<Response> check(std::chrono::milliseconds budget) {
    return answer(m_client.send(Request{Method::get, "/subjects", {}}, budget));
  }

  Result<Response> answer(Outcome outcome) {
    if (auto* failure = std::get_if<http::TransportError>(&outcome)) {
      return tl::unexpected(scrub(transport_error(m_display_url, *failure)));
    }
    return std::get<Response>(std::move(outcome));
  }

  Error error(std::string_view what, std::string_view name, const Response& response) const {
    return scrub(http_error(what, name, response));
  }

  /// How to read one answer: the `what 'name'` its messages name, which answers mean "not
  /// there", and the error of any other failure (by default `error(what, name, response)`).
  struct Reading {
    std::string_view what = k_subject;
    std::string_view name;
    Absent absent = nullptr;
    std::function<Error(const Response&)> failure;
  };

  /// The JSON body of a successful answer; std::nullopt when `reading.absent` accepts it; else
  /// the transport, HTTP or parse error.
  Result<std::optional<json>> read_json(Result<Response> response, const Reading& reading) const {
    if (!response) {
      return tl::unexpected(response.error());
    }
    if (reading.absent != nullptr && reading.absent(*response)) {
      return std::nullopt;
    }
    if (!success(*response)) {
      return tl::unexpected(reading.failure ? reading.failure(*response)
                                            : error(reading.what, reading.name, *response));
    }
    return parse_json(*response, reading.what, reading.name);
  }

  /// No message ever carries the password, even if a registry or proxy echoes it.
  Error scrub(Error error) const {
    error.message = mask_secrets(std::move(error.message), {m_client.options().password});
    return error;
  }

  const std::string& display_url() const { return m_display_url; }

  Result<std::vector<std::string>> list_subjects(std::string_view prefix) override {
    // Confluent filters by subjectPrefix; Apicurio 3.3.3 ignores it, so filter here as well.
    const std::string path = prefix.empty() ? std::string("/subjects")
                                            : "/subjects?subjectPrefix=" + percent_encode(prefix);
    const Result<std::optional<json>> body =
        read_json(call(Method::get, path), {.what = "subjects with prefix", .name = prefix});
    if (!body) {
      return tl::unexpected(body.error());
    }
    const json& listed = **body;
    if (!listed.is_array()) {
      return fail(ErrorCode::internal,
                  fmt::format("schema registry '{}': GET /subjects did not answer with a list",
                              m_display_url));
    }
    std::vector<std::string> names;
    for (const json& name : listed) {
      if (name.is_string() && name.get_ref<const std::string&>().starts_with(prefix)) {
        names.push_back(name.get<std::string>());
      }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
  }

  Result<std::vector<ports::RegisteredSchema>>
  latest_versions(const std::vector<std::string>& subjects) override {
    std::vector<Request> requests;
    requests.reserve(subjects.size());
    for (const std::string& subject : subjects) {
      requests.push_back(Request{Method::get, subject_path(subject) + "/versions/latest", {}});
    }
    std::vector<Outcome> outcomes = m_client.send_all(requests, m_max_parallel);
    std::vector<ports::RegisteredSchema> latest;
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      // A 404: no such subject (40401) or no live version (40402).
      const Result<std::optional<json>> body =
          read_json(answer(std::move(outcomes[i])), {.name = subjects[i], .absent = any_not_found});
      if (!body) {
        return tl::unexpected(body.error());
      }
      if (!*body) {
        continue;
      }
      Result<ports::RegisteredSchema> registered =
          to_registered(**body, subjects[i], schema::SchemaType::avro);
      if (!registered) {
        return tl::unexpected(registered.error());
      }
      latest.push_back(std::move(*registered));
    }
    return latest;
  }

  Result<std::optional<ports::RegisteredSchema>> lookup(const std::string& subject,
                                                        const plan::Subject& schema) override {
    Result<std::vector<plan::SchemaReference>> references = resolve_references(subject, schema);
    if (!references) {
      if (references.error().code == ErrorCode::not_found) {
        return std::nullopt; // a schema whose reference does not exist cannot be registered
      }
      return tl::unexpected(references.error());
    }
    // A 404: 40401 no such subject, 40403 schema not under it.
    const Result<std::optional<json>> body =
        read_json(call(Method::post, subject_path(subject), schema_body(schema, *references)),
                  {.name = subject, .absent = any_not_found});
    if (!body) {
      return tl::unexpected(body.error());
    }
    if (!*body) {
      return std::nullopt;
    }
    Result<ports::RegisteredSchema> registered = to_registered(**body, subject, schema.type);
    if (!registered) {
      return tl::unexpected(registered.error());
    }
    return std::optional<ports::RegisteredSchema>(std::move(*registered));
  }

  Result<ports::Compatibility> check_compatibility(const std::string& subject,
                                                   const plan::Subject& schema) override {
    Result<std::vector<plan::SchemaReference>> references = resolve_references(subject, schema);
    if (!references) {
      return tl::unexpected(references.error());
    }
    // All the versions the subject's level names (not only the latest) and the reasons.
    // No such subject (40401) or version (40402): anything is compatible.
    const Result<std::optional<json>> body =
        read_json(call(Method::post,
                       "/compatibility" + subject_path(subject) + "/versions?verbose=true",
                       schema_body(schema, *references)),
                  {.name = subject,
                   .absent = not_found_with<40401, 40402>,
                   .failure = [&](const Response& response) {
                     return rejected(subject, *references, response);
                   }});
    if (!body) {
      return tl::unexpected(body.error());
    }
    if (!*body) {
      return ports::Compatibility{};
    }
    const json& answer = **body;
    const auto is_compatible = answer.find("is_compatible");
    if (!answer.is_object() || is_compatible == answer.end() || !is_compatible->is_boolean()) {
      return tl::unexpected(malformed(subject, "no is_compatible in the compatibility answer"));
    }
    ports::Compatibility result;
    result.compatible = is_compatible->get<bool>();
    if (const auto messages = answer.find("messages");
        messages != answer.end() && messages->is_array()) {
      for (const json& message : *messages) {
        result.messages.push_back(message.is_string() ? message.get<std::string>()
                                                      : message.dump());
      }
    }
    return result;
  }

  Result<int> register_schema(const std::string& subject, const plan::Subject& schema) override {
    Result<std::vector<plan::SchemaReference>> references = resolve_references(subject, schema);
    if (!references) {
      return tl::unexpected(references.error());
    }
    const Result<std::optional<json>> body = read_json(
        call(Method::post, subject_path(subject) + "/versions", schema_body(schema, *references)),
        {.name = subject, .failure = [&](const Response& response) {
           return rejected(subject, *references, response);
         }});
    if (!body) {
      return tl::unexpected(body.error());
    }
    const json& answer = **body;
    const auto id = answer.find("id");
    if (!answer.is_object() || id == answer.end() || !id->is_number_integer()) {
      return tl::unexpected(malformed(subject, "no id in the registration answer"));
    }
    return id->get<int>();
  }

  Result<std::optional<std::string>> compatibility_level(const std::string& subject) override {
    // No subject level (40408), or no such subject (40401).
    const Result<std::optional<json>> body = read_json(
        call(Method::get, "/config/" + percent_encode(subject) + "?defaultToGlobal=false"),
        {.name = subject, .absent = not_found_with<40408, 40401>});
    if (!body) {
      return tl::unexpected(body.error());
    }
    if (!*body) {
      return std::nullopt;
    }
    const json& config = **body;
    for (const char* key : {"compatibilityLevel", "compatibility"}) {
      if (config.is_object() && config.contains(key) && config[key].is_string()) {
        return std::optional<std::string>(config[key].get<std::string>());
      }
    }
    return tl::unexpected(malformed(subject, "no compatibilityLevel in the config answer"));
  }

  Result<void> set_compatibility_level(const std::string& subject,
                                       const std::string& level) override {
    Result<Response> response = call(
        Method::put, "/config/" + percent_encode(subject), json{{"compatibility", level}}.dump());
    if (!response) {
      return tl::unexpected(response.error());
    }
    if (!success(*response)) {
      return tl::unexpected(error(k_subject, subject, *response));
    }
    return {};
  }

  Result<std::vector<int>> delete_subject(const std::string& subject, bool permanent) override {
    // Already soft-deleted (40404) is fine when the subject is to go for good.
    const Result<std::optional<json>> soft =
        read_json(call(Method::del, subject_path(subject)),
                  {.name = subject, .absent = permanent ? &not_found_with<40404> : nullptr});
    if (!soft) {
      return tl::unexpected(soft.error());
    }
    std::vector<int> versions;
    if (*soft) {
      Result<std::vector<int>> deleted = to_versions(**soft, subject);
      if (!deleted) {
        return tl::unexpected(deleted.error());
      }
      versions = std::move(*deleted);
    }
    if (!permanent) {
      return versions;
    }
    const Result<std::optional<json>> hard =
        read_json(call(Method::del, subject_path(subject) + "?permanent=true"), {.name = subject});
    if (!hard) {
      return tl::unexpected(hard.error());
    }
    Result<std::vector<int>> deleted = to_versions(**hard, subject);
    if (!deleted) {
      return tl::unexpected(deleted.error());
    }
    return versions.empty() ? std::move(*deleted) : versions;
  }

private:
  /// The references as the registry takes them. Version -1 ("latest", what specmesh-build
  /// sends) becomes the number of the referenced subject's latest version: Apicurio rejects -1
  /// (42201 "Unresolved reference"). A missing referenced subject is a not_found error naming it.
  Result<std::vector<plan::SchemaReference>> resolve_references(const std::string& subject,
                                                                const plan::Subject& schema) {
    std::vector<plan::SchemaReference> references = schema.references;
    std::vector<std::size_t> latest;
    std::vector<Request> requests;
    for (std::size_t i = 0; i < references.size(); ++i) {
      if (references[i].version < 0) {
        latest.push_back(i);
        requests.push_back(
            Request{Method::get, subject_path(references[i].subject) + "/versions/latest", {}});
      }
    }
    std::vector<Outcome> outcomes = m_client.send_all(requests, m_max_parallel);
    for (std::size_t k = 0; k < latest.size(); ++k) {
      plan::SchemaReference& ref = references[latest[k]];
      const Result<std::optional<json>> body =
          read_json(answer(std::move(outcomes[k])), {.name = ref.subject, .absent = any_not_found});
      if (!body) {
        return tl::unexpected(body.error());
      }
      if (!*body) {
        return tl::unexpected(missing_reference(subject, ref));
      }
      const json& latest_version = **body;
      if (!latest_version.is_object() || !latest_version.contains("version")
          || !latest_version["version"].is_number_integer()) {
        return tl::unexpected(malformed(ref.subject, "no version in the latest version"));
      }
      ref.version = latest_version["version"].get<int>();
    }
    return references;
  }

  Error missing_reference(const std::string& subject, const plan::SchemaReference& ref) const {
    const std::string version =
        ref.version < 0 ? std::string("latest") : std::to_string(ref.version);
    return scrub(Error{ErrorCode::not_found,
                       fmt::format("subject '{}': referenced schema '{}' not found (subject '{}', "
                                   "version {})",
                                   subject,
                                   ref.name,
                                   ref.subject,
                                   version),
                       {}});
  }

  /// The error for a rejected register or compatibility request. When the registry says the
  /// schema is invalid (422; Apicurio's texts do not name the reference), a referenced version
  /// that does not exist is named instead.
  Error rejected(const std::string& subject,
                 const std::vector<plan::SchemaReference>& references,
                 const Response& response) {
    if (response.status == 422 && !references.empty()) {
      std::vector<Request> requests;
      requests.reserve(references.size());
      for (const plan::SchemaReference& ref : references) {
        requests.push_back(
            Request{Method::get,
                    subject_path(ref.subject) + "/versions/" + std::to_string(ref.version),
                    {}});
      }
      std::vector<Outcome> outcomes = m_client.send_all(requests, m_max_parallel);
      for (std::size_t i = 0; i < references.size(); ++i) {
        const auto* found = std::get_if<Response>(&outcomes[i]);
        if (found != nullptr && found->status == 404) {
          return missing_reference(subject, references[i]);
        }
      }
    }
    return error(k_subject, subject, response);
  }

  http::Client m_client;
  std::string m_display_url;
  int m_max_parallel = 1;
};

} // namespace

Result<std::unique_ptr<ports::SchemaRegistry>> make_schema_registry(const Connection& connection) {
  const http::ParsedUrl url = http::parse_url(connection.url);
  const auto problem = [&](ErrorCode code, const std::string& why) {
    return fail(code, fmt::format("schema registry '{}': {}", url.display, why));
  };
  if (!url.problem.empty()) {
    return problem(ErrorCode::invalid_input, url.problem);
  }
  if (connection.timeout.count() <= 0 || connection.connect_timeout.count() <= 0) {
    return problem(ErrorCode::invalid_input, "the timeout must be positive");
  }
  if (connection.max_parallel_requests < 1) {
    return problem(ErrorCode::invalid_input, "max_parallel_requests must be at least 1");
  }
  // The URL's userinfo counts only when the connection names no api_key.
  const bool from_url = connection.api_key.empty();
  auto registry = std::make_unique<HttpRegistry>(
      http::ClientOptions{.base_url = url.base,
                          .user = from_url ? url.user : connection.api_key,
                          .password = from_url ? url.password : connection.api_secret,
                          .ca_file = connection.ca_file,
                          .headers = {std::string(k_accept), std::string(k_content_type)},
                          .timeout = connection.timeout,
                          .connect_timeout = connection.connect_timeout},
      url.display,
      connection.max_parallel_requests);

  Result<Response> response =
      registry->check(std::min(connection.connect_timeout, connection.timeout));
  if (!response) {
    return tl::unexpected(response.error());
  }
  if (response->status == 401 || response->status == 403) {
    return problem(ErrorCode::unauthorized,
                   fmt::format("authentication failed (HTTP {})", response->status));
  }
  if (response->status == 404) {
    return problem(ErrorCode::not_found, "not a schema registry (HTTP 404 on /subjects)");
  }
  if (!success(*response)) {
    const RegistryProblem answer = parse_problem(response->body);
    return tl::unexpected(
        registry->scrub(Error{to_error_code(response->status, answer.error_code),
                              fmt::format("schema registry '{}': HTTP {} on /subjects{}",
                                          url.display,
                                          response->status,
                                          answer.message.empty() ? "" : ": " + answer.message),
                              {}}));
  }
  const json body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_array()) {
    return problem(ErrorCode::invalid_input,
                   "not a schema registry (GET /subjects did not answer with a JSON list)");
  }
  return std::unique_ptr<ports::SchemaRegistry>(std::move(registry));
}

} // namespace specmesh::registry
