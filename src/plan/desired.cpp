#include "sort_by_key.hpp"

#include <specmesh/did_you_mean.hpp>
#include <specmesh/plan/desired.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <queue>
#include <set>

namespace specmesh::plan {

using spec::k_grant_prefix;

namespace {

using schema::SchemaRole;
using spec::Channel;

/// Java's Double.toString, so the factor error reads exactly as the original's (Part B §4.2).
std::string java_double(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  std::array<char, 64> buffer{};
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0.0 || (magnitude >= 1e-3 && magnitude < 1e7);
  const auto format = plain ? std::chars_format::fixed : std::chars_format::scientific;
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, format);
  std::string text(buffer.data(), result.ptr);
  if (plain) {
    return text.find('.') == std::string::npos ? text + ".0" : text;
  }
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') == std::string::npos) {
    mantissa += ".0";
  }
  return mantissa + "E" + std::to_string(std::stoi(text.substr(e + 1)));
}

std::string principal_for(std::string_view user, const spec::NamingOptions& naming) {
  return user == naming.public_marker ? std::string("User:*") : "User:" + std::string(user);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return text;
}

/// The grant principals of a channel's publish tags, in tag order.
std::vector<std::string> grants(const Channel& channel) {
  std::vector<std::string> out;
  if (!channel.publish) {
    return out;
  }
  for (const spec::Tag& tag : channel.publish->tags) {
    if (tag.name.starts_with(k_grant_prefix)) {
      out.push_back(tag.name.substr(k_grant_prefix.size()));
    }
  }
  return out;
}

std::string role_suffix(SchemaRole role) {
  return role == SchemaRole::key ? "key" : "value";
}

/// Subject of a topic's root schema under its lookup strategy (Part B §5.3).
Result<std::string> root_subject(const schema::SchemaRequest& request,
                                 const schema::SchemaFile& root) {
  const std::string strategy = lower(request.lookup_strategy);
  const bool record = strategy == "recordnamestrategy" || strategy == "recordidstrategy";
  const bool topic_record =
      strategy == "topicrecordnamestrategy" || strategy == "topicrecordidstrategy";
  if (request.role == SchemaRole::shared || record || topic_record) {
    const std::string what =
        request.role == SchemaRole::shared
            ? std::string("a shared schema")
            : fmt::format("schemaLookupStrategy '{}'", request.lookup_strategy);
    if (root.type != schema::SchemaType::avro) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("{} needs an Avro schema, but '{}' is {}",
                              what,
                              root.path,
                              schema::to_string(root.type)));
    }
    if (root.full_name.empty()) {
      return fail(ErrorCode::invalid_input,
                  fmt::format("{} needs a named Avro type (record, enum or fixed), but '{}' is "
                              "a {}",
                              what,
                              root.path,
                              root.avro_kind));
    }
    return topic_record ? request.topic + "-" + root.full_name : root.full_name;
  }
  if (strategy == "simpletopicidstrategy") {
    return request.topic;
  }
  return request.topic + "-" + role_suffix(request.role);
}

Subject to_subject(const schema::SchemaFile& file, std::string name, const Scope& scope) {
  Subject subject;
  subject.subject = std::move(name);
  subject.type = file.type;
  subject.schema = file.content;
  subject.path = file.path;
  subject.full_name = file.full_name;
  subject.avro_kind = file.avro_kind;
  // Part B §5.4: an Avro schema is the domain's iff its namespace is exactly the domain id.
  subject.owned = file.type != schema::SchemaType::avro || file.name_space == scope.domain;
  for (const std::string& reference : file.references) {
    subject.references.push_back({reference, reference, -1});
  }
  return subject;
}

/// Kahn's algorithm, always taking the smallest ready subject: leaf-first and deterministic.
std::vector<Subject> leaf_first(std::vector<Subject> subjects) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    index.emplace(subjects[i].subject, i);
  }
  std::vector<std::size_t> waiting_on(subjects.size(), 0);
  std::vector<std::vector<std::size_t>> users(subjects.size());
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    for (const SchemaReference& reference : subjects[i].references) {
      const auto found = index.find(reference.subject);
      if (found != index.end() && found->second != i) {
        ++waiting_on[i];
        users[found->second].push_back(i);
      }
    }
  }
  using Ready = std::pair<std::string, std::size_t>;
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (waiting_on[i] == 0) {
      ready.emplace(subjects[i].subject, i);
    }
  }
  std::vector<Subject> ordered;
  ordered.reserve(subjects.size());
  while (!ready.empty()) {
    const std::size_t next = ready.top().second;
    ready.pop();
    for (const std::size_t user : users[next]) {
      if (--waiting_on[user] == 0) {
        ready.emplace(subjects[user].subject, user);
      }
    }
    ordered.push_back(std::move(subjects[next]));
  }
  return ordered;
}

void add_schema(const schema::LoadedSchema& loaded,
                const Scope& scope,
                DesiredState& state,
                std::set<std::string>& seen) {
  const schema::SchemaRequest& request = loaded.request;
  const auto fail_with = [&](const std::string& subject, const Error& error) {
    Diagnostic diagnostic = error.diagnostics.empty() ? Diagnostic{request.where, error.message}
                                                      : error.diagnostics.front();
    state.schema_failures.push_back({subject, loaded.path, std::move(diagnostic), request.where});
  };
  const std::string fallback_subject = request.role == SchemaRole::shared
                                           ? request.ref
                                           : request.topic + "-" + role_suffix(request.role);
  if (!loaded.files) {
    fail_with(fallback_subject, loaded.files.error());
    return;
  }
  const std::vector<schema::SchemaFile>& files = *loaded.files;
  const Result<std::string> root_name = root_subject(request, files.back());
  if (!root_name) {
    fail_with(fallback_subject, root_name.error());
    return;
  }
  for (std::size_t i = 0; i + 1 < files.size(); ++i) {
    if (seen.insert(files[i].full_name).second) {
      state.subjects.push_back(to_subject(files[i], files[i].full_name, scope));
    }
  }
  // The whole list is de-duplicated by subject, first occurrence winning (Part B §5.3).
  if (seen.insert(*root_name).second) {
    Subject root = to_subject(files.back(), *root_name, scope);
    root.topic_schema = request.role != SchemaRole::shared;
    state.subjects.push_back(std::move(root));
  }
}

AclBinding allow(ResourceType type,
                 std::string name,
                 PatternType pattern,
                 std::string principal,
                 AclOperation operation) {
  return AclBinding{
      type, std::move(name), pattern, std::move(principal), "*", operation, AclPermission::allow};
}

std::string owner_principal(const spec::ApiSpec& spec, const DesiredOptions& options) {
  return principal_for(options.domain_user.empty() ? spec.domain : options.domain_user,
                       options.naming);
}

/// Rows A, C, D: the owner's topics, transactional ids and groups, all prefixed by `prefix`.
void insert_owner_acls(std::set<AclBinding>& acls,
                       const std::string& prefix,
                       const std::string& owner) {
  using enum AclOperation;
  const auto prefixed = PatternType::prefixed;
  for (const AclOperation operation : {describe, read, write, remove}) {
    acls.insert(allow(ResourceType::topic, prefix, prefixed, owner, operation)); // A
  }
  for (const AclOperation operation : {describe, write}) {
    acls.insert(allow(ResourceType::transactional_id, prefix, prefixed, owner, operation)); // C
  }
  for (const AclOperation operation : {read, remove}) {
    acls.insert(allow(ResourceType::group, prefix, prefixed, owner, operation)); // D
  }
}

/// `D.` (exact scope: it matches only the domain's own names) or, as the original, `D`.
std::string owner_prefix(const spec::ApiSpec& spec, const DesiredOptions& options, bool original) {
  return original ? spec.domain : spec.domain + options.naming.delimiter;
}

std::vector<AclBinding> sorted_by_name(const std::set<AclBinding>& acls) {
  std::vector<AclBinding> sorted(acls.begin(), acls.end());
  sort_by_key(sorted, [](const AclBinding& binding) { return binding.name(); });
  return sorted;
}

} // namespace

bool Scope::owns(std::string_view name) const {
  return spec::in_scope(name, domain, delimiter);
}

std::vector<const Channel*> provisioned_channels(const spec::ApiSpec& spec,
                                                 const DesiredOptions& options) {
  std::vector<const Channel*> out;
  for (const Channel& channel : spec.channels) {
    if (!spec::in_scope(channel.name, spec.domain, options.naming.delimiter)) {
      continue;
    }
    const std::vector<std::string> no_envs;
    const std::vector<std::string>& envs = channel.kafka ? channel.kafka->envs : no_envs;
    if (options.env && !envs.empty()
        && std::find(envs.begin(), envs.end(), *options.env) == envs.end()) {
      continue;
    }
    out.push_back(&channel);
  }
  return out;
}

std::vector<schema::SchemaRequest> schema_requests(const spec::ApiSpec& spec,
                                                   const DesiredOptions& options) {
  std::vector<schema::SchemaRequest> requests;
  for (const Channel* channel : provisioned_channels(spec, options)) {
    if (!channel->publish || !channel->publish->message) {
      continue;
    }
    const spec::Message& message = *channel->publish->message;
    const std::string strategy =
        message.kafka ? message.kafka->schema_lookup_strategy : "TopicNameStrategy";
    const auto request = [&](const std::optional<spec::RecordPart>& part, SchemaRole role) {
      if (part && part->kind == spec::RecordPart::Kind::schema_ref) {
        requests.push_back({channel->name, role, part->schema_ref, strategy, part->where_value});
      }
    };
    request(message.kafka ? message.kafka->key : std::nullopt, SchemaRole::key);
    request(message.payload, SchemaRole::value);
  }
  for (const spec::SharedSchema& shared : spec.shared_schemas) {
    requests.push_back({"", SchemaRole::shared, shared.schema_ref, "", shared.where});
  }
  return requests;
}

Result<int> scaled_partitions(std::optional<int> partitions, double factor) {
  if (!(factor > 0.0 && factor <= 1.0)) {
    return fail(ErrorCode::invalid_input,
                "0.0 < partitionCountFactor <= 1.0, but was: " + java_double(factor));
  }
  const int requested = partitions.value_or(-1);
  const int minimum = requested < 2 ? 1 : 2;
  return std::max(minimum, static_cast<int>(std::trunc(requested * factor)));
}

std::vector<AclBinding> superseded_owner_acls(const spec::ApiSpec& spec,
                                              const DesiredOptions& options) {
  std::set<AclBinding> acls;
  insert_owner_acls(
      acls, owner_prefix(spec, options, !options.original_acls), owner_principal(spec, options));
  return sorted_by_name(acls);
}

std::vector<AclBinding> required_acls(const spec::ApiSpec& spec, const DesiredOptions& options) {
  const spec::NamingOptions& naming = options.naming;
  const std::string& domain = spec.domain;
  const std::string owner = owner_principal(spec, options);
  const auto marker = [&](const std::string& name) { return domain + naming.delimiter + name; };
  using enum AclOperation;
  const auto topic = ResourceType::topic;
  const auto prefixed = PatternType::prefixed;

  std::set<AclBinding> acls;
  insert_owner_acls(acls, owner_prefix(spec, options, options.original_acls), owner); // A, C, D
  acls.insert(allow(topic, marker(naming.private_marker), prefixed, owner, create));  // B
  acls.insert(
      allow(ResourceType::cluster, "kafka-cluster", prefixed, owner, idempotent_write)); // E
  for (const AclOperation operation : {describe, read}) {
    acls.insert(allow(topic, marker(naming.public_marker), prefixed, "User:*", operation)); // F
  }

  const auto under = [&](const std::string& name, const std::string& visibility) {
    return name.starts_with(marker(visibility) + naming.delimiter);
  };
  for (const Channel* channel : provisioned_channels(spec, options)) {
    const std::string& name = channel->name;
    const bool is_protected = under(name, naming.protected_marker); // G
    const bool unmarked = !is_protected && !under(name, naming.public_marker)
                          && !under(name, naming.private_marker); // H
    if (!is_protected && !unmarked) {
      continue;
    }
    for (const std::string& grantee : grants(*channel)) {
      for (const AclOperation operation : {describe, read}) {
        acls.insert(
            allow(topic, name, PatternType::literal, principal_for(grantee, naming), operation));
      }
    }
  }
  return sorted_by_name(acls);
}

Result<void> check_env(const spec::ApiSpec& spec, const DesiredOptions& options) {
  if (!options.env) {
    return {};
  }
  std::set<std::string> named;
  for (const Channel& channel : spec.channels) {
    if (channel.kafka && spec::in_scope(channel.name, spec.domain, options.naming.delimiter)) {
      named.insert(channel.kafka->envs.begin(), channel.kafka->envs.end());
    }
  }
  if (named.contains(*options.env)) {
    return {};
  }
  if (named.empty()) {
    return fail(ErrorCode::invalid_input,
                fmt::format("--env '{}' is named by no channel's bindings.kafka.envs: the spec "
                            "names no envs, so leave --env out",
                            *options.env));
  }
  const std::vector<std::string_view> envs(named.begin(), named.end());
  return fail(ErrorCode::invalid_input,
              fmt::format("--env '{}' is named by no channel's bindings.kafka.envs; the spec's "
                          "envs are {}{}",
                          *options.env,
                          fmt::join(envs, ", "),
                          did_you_mean(*options.env, envs)));
}

Result<DesiredState> desired_state(const spec::ApiSpec& spec,
                                   const std::vector<schema::LoadedSchema>& schemas,
                                   const DesiredOptions& options) {
  if (Result<void> env = check_env(spec, options); !env) {
    return tl::unexpected(env.error());
  }
  DesiredState state;
  state.scope = {spec.domain, options.naming.delimiter};
  const spec::KafkaBinding defaults;
  for (const Channel* channel : provisioned_channels(spec, options)) {
    const spec::KafkaBinding& binding = channel->kafka ? *channel->kafka : defaults;
    const Result<int> partitions =
        scaled_partitions(binding.partitions, options.partition_count_factor);
    if (!partitions) {
      return tl::unexpected(partitions.error());
    }
    state.topics.push_back(
        {channel->name, *partitions, binding.replicas.value_or(-1), binding.configs});
  }
  std::sort(state.topics.begin(), state.topics.end(), [](const Topic& a, const Topic& b) {
    return a.name < b.name;
  });
  state.acls = required_acls(spec, options);
  state.superseded_acls = superseded_owner_acls(spec, options);
  std::set<std::string> seen;
  for (const schema::LoadedSchema& loaded : schemas) {
    add_schema(loaded, state.scope, state, seen);
  }
  state.subjects = leaf_first(std::move(state.subjects));
  Result<std::vector<StorageItem>> storage = desired_storage(spec, options.naming, options.storage);
  if (!storage) {
    return tl::unexpected(std::move(storage.error()));
  }
  state.storage = std::move(*storage);
  state.bucket = bucket_for(spec.domain, options.storage).value_or("");
  for (const spec::StoragePrefix& prefix : spec.storage) {
    state.storage_prefixes.push_back(prefix.path);
  }
  return state;
}

} // namespace specmesh::plan
