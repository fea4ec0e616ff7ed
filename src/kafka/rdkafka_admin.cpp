// ports::KafkaAdmin over librdkafka's C admin API. Builds against Debian 12's 2.0.2 and newer ones
// (2.8.0 from scripts/build-librdkafka.sh); where 2.0.2 lacks an API (local-environment.md
// §2.2) the fallback is noted where it is used. Translation only: each port call is one batched
// request (DescribeConfigs chunked), bounded by Connection::timeout.
#include "errors.hpp"
#include "handles.hpp"
#include "log_dirs.hpp"
#include "request_batches.hpp"

#include <specmesh/kafka/connect.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace specmesh::kafka {
namespace {

using Clock = std::chrono::steady_clock;
using ports::Outcome;
using std::chrono::milliseconds;

constexpr std::size_t k_max_log_lines = 20;
constexpr std::size_t k_max_errors = 50;
constexpr std::size_t k_describe_configs_chunk = 1000;
constexpr std::size_t k_list_offsets_chunk = 1000;
/// Extra wait on the result queue beyond the request timeout librdkafka enforces itself.
constexpr milliseconds k_poll_margin{1000};
/// First slice of the connection check; doubled each round (see verify_connection).
constexpr milliseconds k_first_connect_slice{500};
constexpr std::string_view k_mask = "***";

struct RecordedError {
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string reason;
};

/// What librdkafka's callbacks report. The log callback runs on librdkafka's threads and the
/// error callback inside rd_kafka_poll, hence the mutex. Secrets are masked on the way in, so
/// nothing recorded here can leak a password into a message.
class ClientState {
public:
  ClientState(std::vector<std::string> secrets, bool echo_logs)
      : m_secrets(std::move(secrets)), m_echo_logs(echo_logs) {}

  std::string mask(std::string text) const {
    for (const auto& secret : m_secrets) {
      if (secret.empty()) {
        continue;
      }
      for (auto pos = text.find(secret); pos != std::string::npos;
           pos = text.find(secret, pos + k_mask.size())) {
        text.replace(pos, secret.size(), k_mask);
      }
    }
    return text;
  }

  void add_log(int level, const char* facility, const char* line) {
    std::string text = mask(fmt::format("{}|{}|{}", level, facility, line));
    if (m_echo_logs) {
      std::fprintf(stderr, "librdkafka: %s\n", text.c_str());
    }
    const std::lock_guard lock(m_mutex);
    m_log.push_back(std::move(text));
    if (m_log.size() > k_max_log_lines) {
      m_log.pop_front();
    }
  }

  void add_error(rd_kafka_resp_err_t err, const char* reason) {
    RecordedError error{err, mask(reason != nullptr ? reason : "")};
    const std::lock_guard lock(m_mutex);
    m_errors.push_back(std::move(error));
    if (m_errors.size() > k_max_errors) {
      m_errors.erase(m_errors.begin());
    }
  }

  std::vector<RecordedError> errors() const {
    const std::lock_guard lock(m_mutex);
    return m_errors;
  }

  bool has_error(rd_kafka_resp_err_t err) const {
    const std::lock_guard lock(m_mutex);
    return std::any_of(
        m_errors.begin(), m_errors.end(), [err](const auto& e) { return e.err == err; });
  }

  /// True once librdkafka gave up on every broker and every failure so far was name
  /// resolution: nothing will answer, so the connection check need not wait out its timeout.
  bool only_resolve_failures() const {
    const std::lock_guard lock(m_mutex);
    bool resolve = false;
    bool all_down = false;
    for (const auto& e : m_errors) {
      if (e.err == RD_KAFKA_RESP_ERR__RESOLVE) {
        resolve = true;
      } else if (e.err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
        all_down = true;
      } else {
        return false;
      }
    }
    return resolve && all_down;
  }

  /// Whether the user asked for librdkafka's debug output (`-D debug=...`); the adapter's own
  /// requests are then traced to stderr too.
  bool echo_logs() const { return m_echo_logs; }

  std::string last_log() const {
    const std::lock_guard lock(m_mutex);
    return m_log.empty() ? std::string() : m_log.back();
  }

private:
  std::vector<std::string> m_secrets;
  bool m_echo_logs = false;
  mutable std::mutex m_mutex;
  std::deque<std::string> m_log;
  std::vector<RecordedError> m_errors;
};

void on_log(const rd_kafka_t* rk, int level, const char* facility, const char* line) {
  if (auto* state = static_cast<ClientState*>(rd_kafka_opaque(rk))) {
    state->add_log(level, facility, line);
  }
}

void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  (void)rk;
  if (auto* state = static_cast<ClientState*>(opaque)) {
    state->add_error(static_cast<rd_kafka_resp_err_t>(err), reason);
  }
}

/// librdkafka's texts look like "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed:
/// Connection refused (after 0ms in state CONNECT)"; keep only the part a user needs.
std::string short_reason(std::string_view reason) {
  if (const auto colon = reason.find(": "); colon != std::string_view::npos) {
    const std::string_view head = reason.substr(0, colon);
    if (head.find('/') != std::string_view::npos && head.find(' ') == std::string_view::npos) {
      reason.remove_prefix(colon + 2);
    }
  }
  if (const auto after = reason.rfind(" (after "); after != std::string_view::npos) {
    reason = reason.substr(0, after);
  }
  if (reason.starts_with("Connect to ")) {
    if (const auto failed = reason.find(" failed: "); failed != std::string_view::npos) {
      reason.remove_prefix(failed + 9);
    }
  }
  return std::string(reason);
}

bool is_internal_topic(std::string_view name) {
  return name.starts_with("__") || name == "_schemas" || name.starts_with("_confluent");
}

int to_ms(milliseconds value) {
  return static_cast<int>(std::clamp<milliseconds::rep>(
      value.count(), 1, milliseconds{std::chrono::hours{24}}.count()));
}

// --- ACL vocabulary --------------------------------------------------------------------------

rd_kafka_ResourceType_t to_rd(plan::ResourceType value) {
  switch (value) {
  case plan::ResourceType::topic:
    return RD_KAFKA_RESOURCE_TOPIC;
  case plan::ResourceType::group:
    return RD_KAFKA_RESOURCE_GROUP;
  case plan::ResourceType::cluster:
    return RD_KAFKA_RESOURCE_BROKER; // librdkafka's name for Kafka's CLUSTER (code 4)
  case plan::ResourceType::transactional_id:
    // Kafka's code 5; 2.0.2's enum stops at BROKER but the wire value is the same.
    return static_cast<rd_kafka_ResourceType_t>(5);
  }
  return RD_KAFKA_RESOURCE_UNKNOWN;
}

std::optional<plan::ResourceType> from_rd(rd_kafka_ResourceType_t value) {
  switch (static_cast<int>(value)) {
  case RD_KAFKA_RESOURCE_TOPIC:
    return plan::ResourceType::topic;
  case RD_KAFKA_RESOURCE_GROUP:
    return plan::ResourceType::group;
  case RD_KAFKA_RESOURCE_BROKER:
    return plan::ResourceType::cluster;
  case 5: // only from librdkafka >= 2.6; 2.0.2 reports these bindings as UNKNOWN
    return plan::ResourceType::transactional_id;
  default:
    return std::nullopt;
  }
}

constexpr auto k_operations =
    std::to_array<std::pair<plan::AclOperation, rd_kafka_AclOperation_t>>({
        {plan::AclOperation::all, RD_KAFKA_ACL_OPERATION_ALL},
        {plan::AclOperation::read, RD_KAFKA_ACL_OPERATION_READ},
        {plan::AclOperation::write, RD_KAFKA_ACL_OPERATION_WRITE},
        {plan::AclOperation::create, RD_KAFKA_ACL_OPERATION_CREATE},
        {plan::AclOperation::remove, RD_KAFKA_ACL_OPERATION_DELETE},
        {plan::AclOperation::alter, RD_KAFKA_ACL_OPERATION_ALTER},
        {plan::AclOperation::describe, RD_KAFKA_ACL_OPERATION_DESCRIBE},
        {plan::AclOperation::cluster_action, RD_KAFKA_ACL_OPERATION_CLUSTER_ACTION},
        {plan::AclOperation::describe_configs, RD_KAFKA_ACL_OPERATION_DESCRIBE_CONFIGS},
        {plan::AclOperation::alter_configs, RD_KAFKA_ACL_OPERATION_ALTER_CONFIGS},
        {plan::AclOperation::idempotent_write, RD_KAFKA_ACL_OPERATION_IDEMPOTENT_WRITE},
    });

rd_kafka_AclOperation_t to_rd(plan::AclOperation value) {
  for (const auto& [ours, theirs] : k_operations) {
    if (ours == value) {
      return theirs;
    }
  }
  return RD_KAFKA_ACL_OPERATION_UNKNOWN;
}

std::optional<plan::AclOperation> from_rd(rd_kafka_AclOperation_t value) {
  for (const auto& [ours, theirs] : k_operations) {
    if (theirs == value) {
      return ours;
    }
  }
  return std::nullopt;
}

rd_kafka_ResourcePatternType_t to_rd(plan::PatternType value) {
  return value == plan::PatternType::literal ? RD_KAFKA_RESOURCE_PATTERN_LITERAL
                                             : RD_KAFKA_RESOURCE_PATTERN_PREFIXED;
}

rd_kafka_AclPermissionType_t to_rd(plan::AclPermission value) {
  return value == plan::AclPermission::allow ? RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
                                             : RD_KAFKA_ACL_PERMISSION_TYPE_DENY;
}

/// A librdkafka binding in our vocabulary, or nothing for kinds specmesh does not manage or
/// this librdkafka cannot name (DELEGATION_TOKEN, USER, and with 2.0.2 TRANSACTIONAL_ID
/// resources, which it reports as UNKNOWN; operations it does not know).
std::optional<plan::AclBinding> from_rd(const rd_kafka_AclBinding_t* acl) {
  const auto type = from_rd(rd_kafka_AclBinding_restype(acl));
  const auto operation = from_rd(rd_kafka_AclBinding_operation(acl));
  const auto pattern = rd_kafka_AclBinding_resource_pattern_type(acl);
  const auto permission = rd_kafka_AclBinding_permission_type(acl);
  if (!type || !operation
      || (pattern != RD_KAFKA_RESOURCE_PATTERN_LITERAL
          && pattern != RD_KAFKA_RESOURCE_PATTERN_PREFIXED)
      || (permission != RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW
          && permission != RD_KAFKA_ACL_PERMISSION_TYPE_DENY)) {
    return std::nullopt;
  }
  plan::AclBinding binding;
  binding.resource_type = *type;
  binding.resource_name = rd_kafka_AclBinding_name(acl);
  binding.pattern_type = pattern == RD_KAFKA_RESOURCE_PATTERN_LITERAL ? plan::PatternType::literal
                                                                      : plan::PatternType::prefixed;
  binding.principal = rd_kafka_AclBinding_principal(acl);
  binding.host = rd_kafka_AclBinding_host(acl);
  binding.operation = *operation;
  binding.permission = permission == RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW ? plan::AclPermission::allow
                                                                        : plan::AclPermission::deny;
  return binding;
}

// --- requests --------------------------------------------------------------------------------

/// A failure of a whole request (as opposed to one item of it).
struct RequestFailure {
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__FAIL;
  std::string reason;
};

template <typename T> using RequestResult = tl::expected<T, RequestFailure>;

struct TopicConfigs {
  plan::ConfigMap effective;
  plan::ConfigMap overrides;
};

/// Per-item results of a batched request, keyed by resource name.
using ItemErrors = std::map<std::string, Outcome, std::less<>>;

/// Why librdkafka refused to build a binding, as an item error.
Error acl_build_error(const plan::AclBinding& acl, const char* errstr) {
  if (acl.resource_type == plan::ResourceType::transactional_id) {
    // Added in librdkafka 2.6 (confluentinc/librdkafka#4856); older ones reject the type.
    return Error{ErrorCode::invalid_input,
                 fmt::format("acl '{}': librdkafka {} cannot manage TRANSACTIONAL_ID acls",
                             acl.name(),
                             rd_kafka_version_str()),
                 {}};
  }
  return Error{ErrorCode::invalid_input, fmt::format("acl '{}': {}", acl.name(), errstr), {}};
}

/// An exact binding (for CreateAcls) or an exact-match filter (for DeleteAcls).
AclBindingHandle
to_rd_acl(const plan::AclBinding& acl, bool as_filter, char* errstr, std::size_t size) {
  auto* make = as_filter ? rd_kafka_AclBindingFilter_new : rd_kafka_AclBinding_new;
  return AclBindingHandle(make(to_rd(acl.resource_type),
                               acl.resource_name.c_str(),
                               to_rd(acl.pattern_type),
                               acl.principal.c_str(),
                               acl.host.c_str(),
                               to_rd(acl.operation),
                               to_rd(acl.permission),
                               errstr,
                               size));
}

class RdKafkaAdmin final : public ports::KafkaAdmin {
public:
  RdKafkaAdmin(std::string bootstrap,
               milliseconds timeout,
               LogDirsAccess log_dirs_access,
               std::unique_ptr<ClientState> state,
               KafkaHandle rk)
      : m_bootstrap(std::move(bootstrap)), m_timeout(timeout),
        m_log_dirs_access(std::move(log_dirs_access)), m_state(std::move(state)),
        m_rk(std::move(rk)) {}

  Result<std::vector<ports::TopicDescription>> describe_topics(std::string_view prefix) override;
  Result<std::vector<plan::AclBinding>> describe_acls() override;
  std::vector<Outcome> create_topics(const std::vector<plan::Topic>& topics,
                                     bool validate_only) override;
  std::vector<Outcome>
  create_partitions(const std::vector<std::pair<std::string, int>>& totals) override;
  std::vector<Outcome>
  set_topic_configs(const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) override;
  std::vector<Outcome> delete_topics(const std::vector<std::string>& names) override;
  std::vector<Outcome> create_acls(const std::vector<plan::AclBinding>& acls) override;
  std::vector<Outcome> delete_acls(const std::vector<plan::AclBinding>& acls) override;
  Result<std::map<std::string, std::int64_t>>
  describe_log_dirs(const std::vector<std::string>& topics) override;
  Result<std::vector<ports::PartitionOffsets>>
  topic_offsets(const std::vector<std::string>& topics) override;
  Result<std::vector<ports::ConsumerGroupListing>> list_consumer_groups() override;
  Result<std::vector<ports::ConsumerGroup>>
  describe_consumer_groups(const std::vector<std::string>& group_ids) override;

private:
  /// Cluster metadata of every topic, or the error naming what was being done.
  Result<MetadataHandle> all_metadata(std::string_view doing) const;
  Result<std::pair<MetadataHandle, PartitionsByTopic>>
  ready_metadata(const std::vector<std::string>& topics, std::string_view doing) const;

  /// Options for one request: its overall timeout and, for the topic operations, how long the
  /// broker may wait for the change to propagate.
  AdminOptionsHandle options(rd_kafka_admin_op_t op, bool validate_only = false) const;

  /// Waits for the result of a request started on `queue`; a request-level error (timeout,
  /// transport, ...) comes back as a RequestFailure.
  RequestResult<EventHandle> wait(rd_kafka_queue_t* queue) const;

  Error cluster_error(std::string_view doing, const RequestFailure& failure) const {
    return make_error(
        "kafka", m_bootstrap, failure.err, fmt::format("{}: {}", doing, failure.reason).c_str());
  }

  /// Sends a name-keyed batched request in chunks the controller accepts (request_batches):
  /// `request` (e.g. rd_kafka_CreateTopics) for `items` [begin, end), whose answer `results_of`
  /// (e.g. rd_kafka_event_CreateTopics_result) and `items_of` (..._result_topics) unpack and
  /// `collect` turns into per-item outcomes. A chunk whose request fails as a whole marks its
  /// own items with that failure; the other chunks go on.
  template <typename Item, typename Request, typename ResultsOf, typename ItemsOf, typename Collect>
  void send_in_batches(const std::vector<std::string>& item_names,
                       const std::vector<std::size_t>& costs,
                       Item** items,
                       const AdminOptionsHandle& options,
                       Request request,
                       ResultsOf results_of,
                       ItemsOf items_of,
                       Collect collect,
                       ItemErrors& results) const {
    const QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    for (const auto& [begin, end] : request_batches(costs)) {
      request(m_rk.get(), items + begin, end - begin, options.get(), queue.get());
      const auto event = wait(queue.get());
      if (event) {
        std::size_t count = 0;
        const auto** answered = items_of(results_of(event->get()), &count);
        results.merge(collect(answered, count));
        continue;
      }
      for (std::size_t i = begin; i < end; ++i) {
        results[item_names[i]] = tl::unexpected(
            make_error("topic", item_names[i], event.error().err, event.error().reason.c_str()));
      }
    }
  }

  /// The ACL twin of send_in_batches: `acls` as bindings (or, for deletion, exact filters) in
  /// chunks of single-record items; the answers come back one per item in request order, and
  /// `judge(answer, acl)` turns each into its outcome.
  template <typename Request, typename ResultsOf, typename ItemsOf, typename Judge>
  std::vector<Outcome> send_acls_in_batches(const std::vector<plan::AclBinding>& acls,
                                            bool as_filters,
                                            rd_kafka_admin_op_t op,
                                            Request request,
                                            ResultsOf results_of,
                                            ItemsOf items_of,
                                            Judge judge) const {
    std::vector<Outcome> outcomes(acls.size());
    std::vector<std::size_t> sent; // index into acls of each binding in the request
    AclBindingArray bindings;
    std::array<char, 512> errstr{};
    for (std::size_t i = 0; i < acls.size(); ++i) {
      auto binding = to_rd_acl(acls[i], as_filters, errstr.data(), errstr.size());
      if (!binding) {
        outcomes[i] = tl::unexpected(acl_build_error(acls[i], errstr.data()));
        continue;
      }
      sent.push_back(i);
      bindings.push_back(std::move(binding));
    }
    const QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    const auto opts = options(op);
    for (const auto& [begin, end] : request_batches(std::vector<std::size_t>(sent.size(), 1))) {
      request(m_rk.get(), bindings.data() + begin, end - begin, opts.get(), queue.get());
      const auto event = wait(queue.get());
      std::size_t count = 0;
      const auto** answers = event ? items_of(results_of(event->get()), &count) : nullptr;
      for (std::size_t k = begin; k < end; ++k) {
        const plan::AclBinding& acl = acls[sent[k]];
        if (!event) {
          outcomes[sent[k]] = tl::unexpected(
              make_error("acl", acl.name(), event.error().err, event.error().reason.c_str()));
        } else if (k - begin >= count) {
          outcomes[sent[k]] =
              fail(ErrorCode::internal,
                   fmt::format("acl '{}': the broker returned no result", acl.name()));
        } else {
          outcomes[sent[k]] = judge(answers[k - begin], acl);
        }
      }
    }
    return outcomes;
  }

  /// DescribeConfigs for the named topics, chunked at k_describe_configs_chunk per request.
  RequestResult<std::map<std::string, Result<TopicConfigs>, std::less<>>>
  describe_topic_configs(const std::vector<std::string>& names) const;

  /// The value of a broker config key ("" when unset), read from the first broker with
  /// DescribeConfigs (used to tell "no authorizer" and "not allowed" from "no ACLs").
  RequestResult<std::string> broker_config(const std::string& key) const;

  std::string m_bootstrap;
  milliseconds m_timeout;
  LogDirsAccess m_log_dirs_access;
  // Declared before m_rk so it outlives the handle: callbacks may run inside rd_kafka_destroy.
  std::unique_ptr<ClientState> m_state;
  KafkaHandle m_rk;
};

AdminOptionsHandle RdKafkaAdmin::options(rd_kafka_admin_op_t op, bool validate_only) const {
  AdminOptionsHandle opts(rd_kafka_AdminOptions_new(m_rk.get(), op));
  std::array<char, 512> errstr{};
  rd_kafka_AdminOptions_set_request_timeout(
      opts.get(), to_ms(m_timeout), errstr.data(), errstr.size());
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS
      || op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
    rd_kafka_AdminOptions_set_operation_timeout(
        opts.get(), to_ms(m_timeout), errstr.data(), errstr.size());
  }
  if (validate_only) {
    rd_kafka_AdminOptions_set_validate_only(opts.get(), 1, errstr.data(), errstr.size());
  }
  return opts;
}

RequestResult<EventHandle> RdKafkaAdmin::wait(rd_kafka_queue_t* queue) const {
  EventHandle event(rd_kafka_queue_poll(queue, to_ms(m_timeout + k_poll_margin)));
  rd_kafka_poll(m_rk.get(), 0); // serve error_cb so the main queue does not grow
  if (!event) {
    return tl::unexpected(RequestFailure{
        RD_KAFKA_RESP_ERR__TIMED_OUT, fmt::format("no response within {} ms", m_timeout.count())});
  }
  if (const auto err = rd_kafka_event_error(event.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(
        RequestFailure{err, reason_text(err, rd_kafka_event_error_string(event.get()))});
  }
  return event;
}

/// Per-item outcomes in input order from the name-keyed results of a batched request.
/// Items missing from `results` (never sent, or not answered) get `missing`.
std::vector<Outcome>
in_order(const std::vector<std::string>& names, const ItemErrors& results, std::string_view what) {
  std::vector<Outcome> outcomes;
  outcomes.reserve(names.size());
  for (const auto& name : names) {
    if (const auto it = results.find(name); it != results.end()) {
      outcomes.push_back(it->second);
    } else {
      outcomes.emplace_back(fail(
          ErrorCode::internal, fmt::format("{} '{}': the broker returned no result", what, name)));
    }
  }
  return outcomes;
}

ItemErrors topic_results(const rd_kafka_topic_result_t** results, std::size_t count) {
  ItemErrors out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = rd_kafka_topic_result_name(results[i]);
    const auto err = rd_kafka_topic_result_error(results[i]);
    out[name] = err == RD_KAFKA_RESP_ERR_NO_ERROR
                    ? Outcome{}
                    : Outcome(tl::unexpected(make_error(
                        "topic", name, err, rd_kafka_topic_result_error_string(results[i]))));
  }
  return out;
}

ItemErrors config_results(const rd_kafka_ConfigResource_t** results, std::size_t count) {
  ItemErrors out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = rd_kafka_ConfigResource_name(results[i]);
    const auto err = rd_kafka_ConfigResource_error(results[i]);
    out[name] = err == RD_KAFKA_RESP_ERR_NO_ERROR
                    ? Outcome{}
                    : Outcome(tl::unexpected(make_error(
                        "topic", name, err, rd_kafka_ConfigResource_error_string(results[i]))));
  }
  return out;
}

RequestResult<std::map<std::string, Result<TopicConfigs>, std::less<>>>
RdKafkaAdmin::describe_topic_configs(const std::vector<std::string>& names) const {
  std::map<std::string, Result<TopicConfigs>, std::less<>> out;
  for (std::size_t start = 0; start < names.size(); start += k_describe_configs_chunk) {
    const std::size_t end = std::min(names.size(), start + k_describe_configs_chunk);
    ConfigResourceArray resources;
    for (std::size_t i = start; i < end; ++i) {
      resources.push_back(ConfigResourceHandle(
          rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, names[i].c_str())));
    }
    QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    const auto opts = options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    rd_kafka_DescribeConfigs(
        m_rk.get(), resources.data(), resources.size(), opts.get(), queue.get());
    auto event = wait(queue.get());
    if (!event) {
      return tl::unexpected(event.error());
    }
    std::size_t count = 0;
    const auto** results = rd_kafka_DescribeConfigs_result_resources(
        rd_kafka_event_DescribeConfigs_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string name = rd_kafka_ConfigResource_name(results[i]);
      if (const auto err = rd_kafka_ConfigResource_error(results[i]);
          err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        out[name] = tl::unexpected(
            make_error("topic", name, err, rd_kafka_ConfigResource_error_string(results[i])));
        continue;
      }
      TopicConfigs configs;
      std::size_t entry_count = 0;
      const auto** entries = rd_kafka_ConfigResource_configs(results[i], &entry_count);
      for (std::size_t e = 0; e < entry_count; ++e) {
        const char* value = rd_kafka_ConfigEntry_value(entries[e]);
        if (value == nullptr) {
          continue; // sensitive or unset: nothing to compare against
        }
        const std::string key = rd_kafka_ConfigEntry_name(entries[e]);
        configs.effective[key] = value;
        if (rd_kafka_ConfigEntry_source(entries[e])
            == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) {
          configs.overrides[key] = value;
        }
      }
      out[name] = std::move(configs);
    }
  }
  return out;
}

Result<std::vector<ports::TopicDescription>>
RdKafkaAdmin::describe_topics(std::string_view prefix) {
  const rd_kafka_metadata_t* raw = nullptr;
  const auto err = rd_kafka_metadata(m_rk.get(), 1, nullptr, &raw, to_ms(m_timeout));
  rd_kafka_poll(m_rk.get(), 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(
        cluster_error("cannot list topics", RequestFailure{err, reason_text(err, nullptr)}));
  }
  const MetadataHandle metadata(raw);

  std::vector<ports::TopicDescription> topics;
  std::vector<std::string> names;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& t = metadata->topics[i];
    const std::string_view name = t.topic;
    if (!name.starts_with(prefix) || is_internal_topic(name)
        || t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
      continue;
    }
    ports::TopicDescription description;
    description.topic.name = std::string(name);
    description.topic.partitions = t.partition_cnt;
    // Partitions are not necessarily in id order in the response.
    for (int p = 0; p < t.partition_cnt; ++p) {
      if (t.partitions[p].id == 0) {
        description.topic.replication = t.partitions[p].replica_cnt;
      }
    }
    names.push_back(description.topic.name);
    topics.push_back(std::move(description));
  }
  if (topics.empty()) {
    return topics;
  }

  auto configs = describe_topic_configs(names);
  if (!configs) {
    return tl::unexpected(cluster_error("cannot describe topic configs", configs.error()));
  }
  std::vector<ports::TopicDescription> described;
  described.reserve(topics.size());
  for (auto& description : topics) {
    const auto it = configs->find(description.topic.name);
    if (it == configs->end()) {
      return fail(
          ErrorCode::internal,
          fmt::format("topic '{}': the broker returned no configs", description.topic.name));
    }
    if (!it->second) {
      if (it->second.error().code == ErrorCode::not_found) {
        continue; // deleted between the two requests
      }
      return tl::unexpected(it->second.error());
    }
    description.topic.config = std::move(it->second->effective);
    description.overrides = std::move(it->second->overrides);
    described.push_back(std::move(description));
  }
  std::sort(described.begin(), described.end(), [](const auto& a, const auto& b) {
    return a.topic.name < b.topic.name;
  });
  return described;
}

RequestResult<std::string> RdKafkaAdmin::broker_config(const std::string& key) const {
  const rd_kafka_metadata_t* raw = nullptr;
  if (const auto err = rd_kafka_metadata(m_rk.get(), 0, nullptr, &raw, to_ms(m_timeout));
      err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(RequestFailure{err, reason_text(err, nullptr)});
  }
  const MetadataHandle metadata(raw);
  if (metadata->broker_cnt < 1) {
    return tl::unexpected(RequestFailure{RD_KAFKA_RESP_ERR__FAIL, "no brokers in the metadata"});
  }
  const std::string broker_id = std::to_string(metadata->brokers[0].id);
  ConfigResourceArray resources;
  resources.push_back(ConfigResourceHandle(
      rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_BROKER, broker_id.c_str())));
  QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
  const auto opts = options(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
  rd_kafka_DescribeConfigs(m_rk.get(), resources.data(), resources.size(), opts.get(), queue.get());
  auto event = wait(queue.get());
  if (!event) {
    return tl::unexpected(event.error());
  }
  std::size_t count = 0;
  const auto** results = rd_kafka_DescribeConfigs_result_resources(
      rd_kafka_event_DescribeConfigs_result(event->get()), &count);
  if (count != 1) {
    return tl::unexpected(RequestFailure{RD_KAFKA_RESP_ERR__FAIL, "no result for the broker"});
  }
  if (const auto err = rd_kafka_ConfigResource_error(results[0]);
      err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(
        RequestFailure{err, reason_text(err, rd_kafka_ConfigResource_error_string(results[0]))});
  }
  std::size_t entry_count = 0;
  const auto** entries = rd_kafka_ConfigResource_configs(results[0], &entry_count);
  for (std::size_t e = 0; e < entry_count; ++e) {
    if (key == rd_kafka_ConfigEntry_name(entries[e])) {
      const char* value = rd_kafka_ConfigEntry_value(entries[e]);
      return std::string(value != nullptr ? value : "");
    }
  }
  return std::string();
}

Result<std::vector<plan::AclBinding>> RdKafkaAdmin::describe_acls() {
  std::array<char, 512> errstr{};
  const AclBindingHandle filter(rd_kafka_AclBindingFilter_new(RD_KAFKA_RESOURCE_ANY,
                                                              nullptr,
                                                              RD_KAFKA_RESOURCE_PATTERN_ANY,
                                                              nullptr,
                                                              nullptr,
                                                              RD_KAFKA_ACL_OPERATION_ANY,
                                                              RD_KAFKA_ACL_PERMISSION_TYPE_ANY,
                                                              errstr.data(),
                                                              errstr.size()));
  if (!filter) {
    return fail(ErrorCode::internal,
                fmt::format("kafka '{}': acl filter: {}", m_bootstrap, errstr.data()));
  }
  const std::string no_authorizer =
      fmt::format("kafka '{}': the cluster has no authorizer; use --acl-disabled", m_bootstrap);
  QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
  const auto opts = options(RD_KAFKA_ADMIN_OP_DESCRIBEACLS);
  rd_kafka_DescribeAcls(m_rk.get(), filter.get(), opts.get(), queue.get());
  auto event = wait(queue.get());
  if (!event) {
    if (event.error().err == RD_KAFKA_RESP_ERR_SECURITY_DISABLED) {
      return fail(ErrorCode::unavailable, no_authorizer);
    }
    return tl::unexpected(cluster_error("cannot describe acls", event.error()));
  }
  std::size_t count = 0;
  const auto** acls =
      rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event->get()), &count);
  std::vector<plan::AclBinding> bindings;
  bindings.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (auto binding = from_rd(acls[i])) {
      bindings.push_back(std::move(*binding));
    }
  }
  // librdkafka (2.0.2, and still 2.12) drops DescribeAcls' top-level error code:
  // SECURITY_DISABLED and CLUSTER_AUTHORIZATION_FAILED arrive as an empty, successful result.
  // Only an empty result is ambiguous, so only then ask the broker for authorizer.class.name.
  // A principal that may see every ACL (super user, or allow.everyone.if.no.acl.found with no
  // ACLs) may also read broker configs, so a refusal there means the listing was refused too.
  if (count == 0) {
    const auto authorizer = broker_config("authorizer.class.name");
    if (authorizer && authorizer->empty()) {
      return fail(ErrorCode::unavailable, no_authorizer);
    }
    if (!authorizer && to_error_code(authorizer.error().err) == ErrorCode::unauthorized) {
      return fail(ErrorCode::unauthorized,
                  fmt::format("kafka '{}': not authorized to describe acls (needs DESCRIBE on "
                              "the cluster)",
                              m_bootstrap));
    }
    if (!authorizer) {
      return tl::unexpected(cluster_error("cannot describe acls", authorizer.error()));
    }
  }
  return bindings;
}

std::vector<Outcome> RdKafkaAdmin::create_topics(const std::vector<plan::Topic>& topics,
                                                 bool validate_only) {
  std::vector<std::string> names;
  ItemErrors results;
  NewTopicArray new_topics;
  std::vector<std::string> sent;
  std::vector<std::size_t> costs;
  std::array<char, 512> errstr{};
  for (const auto& topic : topics) {
    names.push_back(topic.name);
    NewTopicHandle new_topic(rd_kafka_NewTopic_new(
        topic.name.c_str(), topic.partitions, topic.replication, errstr.data(), errstr.size()));
    if (!new_topic) {
      results[topic.name] =
          fail(ErrorCode::invalid_input, fmt::format("topic '{}': {}", topic.name, errstr.data()));
      continue;
    }
    bool ok = true;
    for (const auto& [key, value] : topic.config) {
      if (const auto err =
              rd_kafka_NewTopic_set_config(new_topic.get(), key.c_str(), value.c_str());
          err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        results[topic.name] = tl::unexpected(
            make_error("topic",
                       topic.name,
                       err,
                       fmt::format("config '{}': {}", key, rd_kafka_err2str(err)).c_str()));
        ok = false;
        break;
      }
    }
    if (ok) {
      new_topics.push_back(std::move(new_topic));
      sent.push_back(topic.name);
      costs.push_back(topic_records(topic.partitions, topic.config.size()));
    }
  }
  const auto opts = options(RD_KAFKA_ADMIN_OP_CREATETOPICS, validate_only);
  send_in_batches(sent,
                  costs,
                  new_topics.data(),
                  opts,
                  rd_kafka_CreateTopics,
                  rd_kafka_event_CreateTopics_result,
                  rd_kafka_CreateTopics_result_topics,
                  topic_results,
                  results);
  return in_order(names, results, "topic");
}

std::vector<Outcome>
RdKafkaAdmin::create_partitions(const std::vector<std::pair<std::string, int>>& totals) {
  std::vector<std::string> names;
  ItemErrors results;
  NewPartitionsArray requests;
  std::vector<std::string> sent;
  std::vector<std::size_t> costs;
  std::array<char, 512> errstr{};
  for (const auto& [name, total] : totals) {
    names.push_back(name);
    NewPartitionsHandle request(
        total > 0 ? rd_kafka_NewPartitions_new(
            name.c_str(), static_cast<std::size_t>(total), errstr.data(), errstr.size())
                  : nullptr);
    if (!request) {
      results[name] = fail(ErrorCode::invalid_input,
                           fmt::format("topic '{}': invalid partition count {}", name, total));
      continue;
    }
    requests.push_back(std::move(request));
    sent.push_back(name);
    costs.push_back(static_cast<std::size_t>(total)); // at most this many new partitions
  }
  const auto opts = options(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS);
  send_in_batches(sent,
                  costs,
                  requests.data(),
                  opts,
                  rd_kafka_CreatePartitions,
                  rd_kafka_event_CreatePartitions_result,
                  rd_kafka_CreatePartitions_result_topics,
                  topic_results,
                  results);
  return in_order(names, results, "topic");
}

std::vector<Outcome> RdKafkaAdmin::set_topic_configs(
    const std::vector<std::pair<std::string, plan::ConfigMap>>& changes) {
  std::vector<std::string> names;
  ItemErrors results;
  ConfigResourceArray resources;
  std::vector<std::string> sent;
  std::vector<std::size_t> costs;
  for (const auto& [name, change] : changes) {
    names.push_back(name);
    ConfigResourceHandle resource(
        rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str()));
    for (const auto& [key, value] : change) {
      const ErrorHandle error(rd_kafka_ConfigResource_add_incremental_config(
          resource.get(), key.c_str(), RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, value.c_str()));
      if (error) {
        results[name] = tl::unexpected(make_error("topic", name, error.get()));
        break;
      }
    }
    if (!results.contains(name)) {
      resources.push_back(std::move(resource));
      sent.push_back(name);
      costs.push_back(change.size()); // one config record per key
    }
  }
  const auto opts = options(RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS);
  send_in_batches(sent,
                  costs,
                  resources.data(),
                  opts,
                  rd_kafka_IncrementalAlterConfigs,
                  rd_kafka_event_IncrementalAlterConfigs_result,
                  rd_kafka_IncrementalAlterConfigs_result_resources,
                  config_results,
                  results);
  return in_order(names, results, "topic");
}

std::vector<Outcome> RdKafkaAdmin::delete_topics(const std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  DeleteTopicArray requests;
  for (const auto& name : names) {
    requests.push_back(DeleteTopicHandle(rd_kafka_DeleteTopic_new(name.c_str())));
  }
  ItemErrors results;
  const auto opts = options(RD_KAFKA_ADMIN_OP_DELETETOPICS);
  send_in_batches(names,
                  std::vector<std::size_t>(names.size(), 1), // one RemoveTopicRecord each
                  requests.data(),
                  opts,
                  rd_kafka_DeleteTopics,
                  rd_kafka_event_DeleteTopics_result,
                  rd_kafka_DeleteTopics_result_topics,
                  topic_results,
                  results);
  return in_order(names, results, "topic");
}

std::vector<Outcome> RdKafkaAdmin::create_acls(const std::vector<plan::AclBinding>& acls) {
  return send_acls_in_batches(
      acls,
      false,
      RD_KAFKA_ADMIN_OP_CREATEACLS,
      rd_kafka_CreateAcls,
      rd_kafka_event_CreateAcls_result,
      rd_kafka_CreateAcls_result_acls,
      [](const rd_kafka_acl_result_t* result, const plan::AclBinding& acl) -> Outcome {
        if (const auto* error = rd_kafka_acl_result_error(result)) {
          return tl::unexpected(make_error("acl", acl.name(), error));
        }
        return {};
      });
}

std::vector<Outcome> RdKafkaAdmin::delete_acls(const std::vector<plan::AclBinding>& acls) {
  return send_acls_in_batches(
      acls,
      true,
      RD_KAFKA_ADMIN_OP_DELETEACLS,
      rd_kafka_DeleteAcls,
      rd_kafka_event_DeleteAcls_result,
      rd_kafka_DeleteAcls_result_responses,
      [](const rd_kafka_DeleteAcls_result_response_t* response,
         const plan::AclBinding& acl) -> Outcome {
        if (const auto* error = rd_kafka_DeleteAcls_result_response_error(response)) {
          return tl::unexpected(make_error("acl", acl.name(), error));
        }
        std::size_t matched = 0;
        rd_kafka_DeleteAcls_result_response_matching_acls(response, &matched);
        if (matched == 0) {
          return fail(ErrorCode::not_found, fmt::format("acl '{}': no such acl", acl.name()));
        }
        return {};
      });
}

// --- chargeback metrics ----------------------------------------------------------------------

Result<MetadataHandle> RdKafkaAdmin::all_metadata(std::string_view doing) const {
  const rd_kafka_metadata_t* raw = nullptr;
  const auto err = rd_kafka_metadata(m_rk.get(), 1, nullptr, &raw, to_ms(m_timeout));
  rd_kafka_poll(m_rk.get(), 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return tl::unexpected(cluster_error(doing, RequestFailure{err, reason_text(err, nullptr)}));
  }
  return MetadataHandle(raw);
}

/// The partition ids of each of `topics` the metadata knows, sorted, and why each topic that
/// exists is not ready to be measured yet (an error other than "unknown topic", or a partition
/// without a leader: its size and offsets cannot be read, and counting it as 0 would be wrong).
struct TopicPartitions {
  PartitionsByTopic partitions;
  std::map<std::string, std::string> not_ready;
};

TopicPartitions known_partitions(const rd_kafka_metadata_t& metadata,
                                 const std::vector<std::string>& topics) {
  // A set, not a scan of `topics` per metadata topic: 10k of 11k topics made that 1 s of CPU.
  const std::set<std::string_view> wanted(topics.begin(), topics.end());
  TopicPartitions found;
  for (int i = 0; i < metadata.topic_cnt; ++i) {
    const auto& t = metadata.topics[i];
    if (!wanted.contains(t.topic) || t.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
      continue;
    }
    if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      found.not_ready[t.topic] = rd_kafka_err2name(t.err);
      continue;
    }
    auto& ids = found.partitions[t.topic];
    for (int p = 0; p < t.partition_cnt; ++p) {
      if (t.partitions[p].leader < 0 || t.partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        found.not_ready[t.topic] = fmt::format("partition {} has no leader", t.partitions[p].id);
      }
      ids.push_back(t.partitions[p].id);
    }
    std::sort(ids.begin(), ids.end());
  }
  for (const auto& [topic, reason] : found.not_ready) {
    found.partitions.erase(topic);
  }
  return found;
}

/// Metadata in which every one of `topics` that exists has all its partitions led: read again
/// (a broker that has just created a topic may not know its leaders yet) until the timeout.
Result<std::pair<MetadataHandle, PartitionsByTopic>>
RdKafkaAdmin::ready_metadata(const std::vector<std::string>& topics, std::string_view doing) const {
  const auto deadline = std::chrono::steady_clock::now() + m_timeout;
  milliseconds pause{50};
  while (true) {
    auto metadata = all_metadata(doing);
    if (!metadata) {
      return tl::unexpected(metadata.error());
    }
    TopicPartitions found = known_partitions(**metadata, topics);
    if (found.not_ready.empty()) {
      return std::pair(std::move(*metadata), std::move(found.partitions));
    }
    if (std::chrono::steady_clock::now() + pause > deadline) {
      const auto& [topic, reason] = *found.not_ready.begin();
      return fail(ErrorCode::unavailable,
                  fmt::format("topic '{}': not ready to be measured after {} ms: {}{}",
                              topic,
                              m_timeout.count(),
                              reason,
                              found.not_ready.size() > 1
                                  ? fmt::format(" (and {} more topics)", found.not_ready.size() - 1)
                                  : ""));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, milliseconds{500});
  }
}

Result<std::map<std::string, std::int64_t>>
RdKafkaAdmin::describe_log_dirs(const std::vector<std::string>& topics) {
  std::map<std::string, std::int64_t> bytes;
  for (const auto& topic : topics) {
    bytes[topic] = 0;
  }
  if (topics.empty()) {
    return bytes;
  }
  if (const std::string reason = unsupported_reason(m_log_dirs_access); !reason.empty()) {
    return fail(ErrorCode::invalid_input, fmt::format("kafka '{}': {}", m_bootstrap, reason));
  }
  auto ready = ready_metadata(topics, "cannot list brokers");
  if (!ready) {
    return tl::unexpected(ready.error());
  }
  const auto& [metadata, partitions] = *ready;
  if (partitions.empty()) {
    return bytes;
  }
  // One request per broker, for every topic at once: each broker reports its own replicas.
  for (int b = 0; b < metadata->broker_cnt; ++b) {
    const auto& broker = metadata->brokers[b];
    const BrokerAddress address{broker.id, broker.host, broker.port};
    if (m_state->echo_logs()) {
      std::fprintf(stderr,
                   "specmesh: DescribeLogDirs v1 -> broker %d (%s:%d), %zu topics\n",
                   broker.id,
                   broker.host,
                   broker.port,
                   partitions.size());
    }
    auto sizes = kafka::describe_log_dirs(address, m_log_dirs_access, partitions);
    if (!sizes) {
      return tl::unexpected(Error{sizes.error().code, m_state->mask(sizes.error().message), {}});
    }
    for (const auto& [topic, size] : *sizes) {
      if (const auto it = bytes.find(topic); it != bytes.end()) {
        it->second += size;
      }
    }
  }
  return bytes;
}

Result<std::vector<ports::PartitionOffsets>>
RdKafkaAdmin::topic_offsets(const std::vector<std::string>& topics) {
  std::vector<ports::PartitionOffsets> offsets;
  if (topics.empty()) {
    return offsets;
  }
  auto ready = ready_metadata(topics, "cannot list topics");
  if (!ready) {
    return tl::unexpected(ready.error());
  }
  const PartitionsByTopic& partitions = ready->second;
  std::map<std::pair<std::string, int>, ports::PartitionOffsets> by_partition;
  for (const auto& [topic, ids] : partitions) {
    for (const int id : ids) {
      by_partition[{topic, id}] = {topic, id, 0, 0};
    }
  }
  if (by_partition.empty()) {
    return offsets;
  }
  // Earliest and latest, each in requests of k_list_offsets_chunk partitions: librdkafka 2.8
  // checks a ListOffsets list for duplicates pairwise, and at 10k partitions in one list that
  // was 1.5 s of CPU (measured by bench/run.sh), against a few ms per chunk.
  std::vector<const std::pair<std::string, int>*> keys;
  keys.reserve(by_partition.size());
  for (const auto& entry : by_partition) {
    keys.push_back(&entry.first);
  }
  const auto chunks =
      request_batches(std::vector<std::size_t>(keys.size(), 1), k_list_offsets_chunk);
  for (const bool earliest : {true, false}) {
    for (const auto& [begin, end] : chunks) {
      TopicPartitionListHandle list(
          rd_kafka_topic_partition_list_new(static_cast<int>(end - begin)));
      for (std::size_t i = begin; i < end; ++i) {
        rd_kafka_topic_partition_list_add(list.get(), keys[i]->first.c_str(), keys[i]->second)
            ->offset = earliest ? RD_KAFKA_OFFSET_SPEC_EARLIEST : RD_KAFKA_OFFSET_SPEC_LATEST;
      }
      QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
      const auto opts = options(RD_KAFKA_ADMIN_OP_LISTOFFSETS);
      rd_kafka_ListOffsets(m_rk.get(), list.get(), opts.get(), queue.get());
      auto event = wait(queue.get());
      if (!event) {
        return tl::unexpected(cluster_error("cannot list offsets", event.error()));
      }
      std::size_t count = 0;
      const auto** infos = rd_kafka_ListOffsets_result_infos(
          rd_kafka_event_ListOffsets_result(event->get()), &count);
      for (std::size_t i = 0; i < count; ++i) {
        const auto* tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[i]);
        if (tp->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
          return tl::unexpected(make_error(
              "partition", fmt::format("{}-{}", tp->topic, tp->partition), tp->err, nullptr));
        }
        const auto it = by_partition.find({tp->topic, tp->partition});
        if (it != by_partition.end()) {
          (earliest ? it->second.earliest : it->second.latest) = tp->offset;
        }
      }
    }
  }
  for (auto& [key, partition] : by_partition) {
    offsets.push_back(std::move(partition));
  }
  return offsets;
}

Result<std::vector<ports::ConsumerGroupListing>> RdKafkaAdmin::list_consumer_groups() {
  QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
  const auto opts = options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS);
  rd_kafka_ListConsumerGroups(m_rk.get(), opts.get(), queue.get());
  auto event = wait(queue.get());
  if (!event) {
    return tl::unexpected(cluster_error("cannot list consumer groups", event.error()));
  }
  const auto* result = rd_kafka_event_ListConsumerGroups_result(event->get());
  std::size_t error_count = 0;
  const auto** errors = rd_kafka_ListConsumerGroups_result_errors(result, &error_count);
  if (error_count > 0) {
    // A broker that did not answer would leave its groups out: no partial report.
    return tl::unexpected(make_error("kafka", m_bootstrap, errors[0]));
  }
  std::size_t count = 0;
  const auto** listings = rd_kafka_ListConsumerGroups_result_valid(result, &count);
  std::vector<ports::ConsumerGroupListing> groups;
  groups.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    groups.push_back(
        {rd_kafka_ConsumerGroupListing_group_id(listings[i]),
         rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(listings[i])),
         rd_kafka_ConsumerGroupListing_is_simple_consumer_group(listings[i]) != 0});
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return groups;
}

std::vector<ports::TopicPartition> to_partitions(const rd_kafka_topic_partition_list_t* list) {
  std::vector<ports::TopicPartition> partitions;
  for (int i = 0; list != nullptr && i < list->cnt; ++i) {
    partitions.push_back({list->elems[i].topic, list->elems[i].partition});
  }
  std::sort(partitions.begin(), partitions.end());
  return partitions;
}

Result<std::vector<ports::ConsumerGroup>>
RdKafkaAdmin::describe_consumer_groups(const std::vector<std::string>& group_ids) {
  std::vector<ports::ConsumerGroup> groups;
  if (group_ids.empty()) {
    return groups;
  }
  std::vector<const char*> ids;
  ids.reserve(group_ids.size());
  for (const auto& id : group_ids) {
    ids.push_back(id.c_str());
  }
  std::map<std::string, ports::ConsumerGroup, std::less<>> described;
  {
    QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    const auto opts = options(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS);
    rd_kafka_DescribeConsumerGroups(m_rk.get(), ids.data(), ids.size(), opts.get(), queue.get());
    auto event = wait(queue.get());
    if (!event) {
      return tl::unexpected(cluster_error("cannot describe consumer groups", event.error()));
    }
    std::size_t count = 0;
    const auto** descriptions = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto* description = descriptions[i];
      const std::string id = rd_kafka_ConsumerGroupDescription_group_id(description);
      if (const auto* error = rd_kafka_ConsumerGroupDescription_error(description)) {
        return tl::unexpected(make_error("consumer group", id, error));
      }
      ports::ConsumerGroup group;
      group.id = id;
      group.state =
          rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(description));
      group.simple = rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(description) != 0;
      const std::size_t members = rd_kafka_ConsumerGroupDescription_member_count(description);
      for (std::size_t m = 0; m < members; ++m) {
        const auto* member = rd_kafka_ConsumerGroupDescription_member(description, m);
        const auto* assignment = rd_kafka_MemberDescription_assignment(member);
        group.members.push_back(
            {rd_kafka_MemberDescription_consumer_id(member),
             rd_kafka_MemberDescription_client_id(member),
             rd_kafka_MemberDescription_host(member),
             to_partitions(assignment != nullptr ? rd_kafka_MemberAssignment_partitions(assignment)
                                                 : nullptr)});
      }
      std::sort(group.members.begin(), group.members.end(), [](const auto& a, const auto& b) {
        return a.id < b.id;
      });
      described[id] = std::move(group);
    }
  }

  // librdkafka takes one group per ListConsumerGroupOffsets call, so all calls go out at once
  // on one queue and their results are collected as they come (one OffsetFetch per group).
  QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
  const auto opts = options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS);
  for (const auto& id : group_ids) {
    ListConsumerGroupOffsetsHandle request(
        rd_kafka_ListConsumerGroupOffsets_new(id.c_str(), nullptr));
    std::array<rd_kafka_ListConsumerGroupOffsets_t*, 1> requests{request.get()};
    rd_kafka_ListConsumerGroupOffsets(
        m_rk.get(), requests.data(), requests.size(), opts.get(), queue.get());
  }
  for (std::size_t answered = 0; answered < group_ids.size(); ++answered) {
    auto event = wait(queue.get());
    if (!event) {
      return tl::unexpected(cluster_error("cannot list consumer group offsets", event.error()));
    }
    std::size_t count = 0;
    const auto** results = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(event->get()), &count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string id = rd_kafka_group_result_name(results[i]);
      if (const auto* error = rd_kafka_group_result_error(results[i])) {
        return tl::unexpected(make_error("consumer group", id, error));
      }
      const auto it = described.find(id);
      if (it == described.end()) {
        continue;
      }
      const auto* list = rd_kafka_group_result_partitions(results[i]);
      for (int p = 0; list != nullptr && p < list->cnt; ++p) {
        const auto& tp = list->elems[p];
        if (tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0) {
          it->second.offsets.push_back({tp.topic, tp.partition, tp.offset});
        }
      }
      std::sort(
          it->second.offsets.begin(), it->second.offsets.end(), [](const auto& a, const auto& b) {
            return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
          });
    }
  }
  for (const auto& id : group_ids) {
    const auto it = described.find(id);
    if (it == described.end()) {
      return fail(ErrorCode::internal,
                  fmt::format("consumer group '{}': the broker returned no description", id));
    }
    groups.push_back(it->second);
  }
  return groups;
}

// --- connecting ------------------------------------------------------------------------------

/// The one-line reason the connection check failed, from what error_cb recorded.
Error connect_error(const Connection& connection,
                    const ClientState& state,
                    std::string_view user,
                    std::string_view mechanism) {
  const auto errors = state.errors();
  const auto find = [&](rd_kafka_resp_err_t err) -> const RecordedError* {
    // The latest is the most telling (librdkafka retries and reports each attempt).
    const auto latest = std::find_if(
        errors.rbegin(), errors.rend(), [&](const RecordedError& e) { return e.err == err; });
    return latest == errors.rend() ? nullptr : &*latest;
  };
  const auto message = [&](std::string_view why) {
    return state.mask(fmt::format("kafka '{}': {}", connection.bootstrap_servers, why));
  };
  if (find(RD_KAFKA_RESP_ERR__AUTHENTICATION) != nullptr) {
    const std::string why =
        user.empty()
            ? fmt::format("authentication failed (SASL {})", mechanism)
            : fmt::format("authentication failed for user '{}' (SASL {})", user, mechanism);
    return Error{ErrorCode::unauthorized, message(why), {}};
  }
  if (const auto* e = find(RD_KAFKA_RESP_ERR__TRANSPORT)) {
    return Error{ErrorCode::unavailable,
                 message(fmt::format("cannot connect ({})", short_reason(e->reason))),
                 {}};
  }
  if (find(RD_KAFKA_RESP_ERR__RESOLVE) != nullptr) {
    return Error{ErrorCode::unavailable, message("cannot resolve host"), {}};
  }
  if (!errors.empty()) {
    const auto& e = errors.back();
    return Error{to_error_code(e.err),
                 message(fmt::format("cannot connect ({})", short_reason(e.reason))),
                 {}};
  }
  std::string why = fmt::format("no response within {} ms", connection.timeout.count());
  if (const auto last = state.last_log(); !last.empty()) {
    why += fmt::format(" (last log: {})", last);
  }
  return Error{ErrorCode::timeout, message(why), {}};
}

/// Waits until a broker answers an (authenticated) metadata request. Runs the request in
/// growing slices so that a definitive failure reported in between (wrong password, or no
/// bootstrap host resolves) ends the wait early instead of after the whole timeout.
bool verify_connection(rd_kafka_t* rk, const ClientState& state, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  milliseconds slice = k_first_connect_slice;
  for (;;) {
    const auto started = Clock::now();
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - started);
    if (remaining.count() <= 0) {
      return false;
    }
    const rd_kafka_metadata_t* raw = nullptr;
    const auto err = rd_kafka_metadata(rk, 0, nullptr, &raw, to_ms(std::min(slice, remaining)));
    rd_kafka_poll(rk, 0); // runs error_cb for what happened meanwhile
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const MetadataHandle metadata(raw);
      return true;
    }
    if (state.has_error(RD_KAFKA_RESP_ERR__AUTHENTICATION) || state.only_resolve_failures()) {
      return false;
    }
    if (Clock::now() - started < milliseconds(50)) {
      std::this_thread::sleep_for(milliseconds(50)); // failed at once: don't spin
    }
    slice *= 2;
  }
}

} // namespace

Result<std::unique_ptr<ports::KafkaAdmin>> make_kafka_admin(const Connection& connection) {
  if (connection.bootstrap_servers.empty()) {
    return fail(ErrorCode::invalid_input, "kafka: no bootstrap servers given");
  }
  // Effective settings, in the order they are applied: later ones win.
  // No KIP-714 metrics push: with it on, librdkafka 2.8's rd_kafka_destroy waits up to 1 s for
  // the final push in about half the runs, a second added to every command (measured by
  // bench/run.sh). A short-lived admin client has no metrics worth pushing. -D can turn it on.
  std::vector<std::pair<std::string, std::string>> settings{
      {"bootstrap.servers", connection.bootstrap_servers},
      {"client.id", "specmesh"},
      {"enable.metrics.push", "false"}};
  if (!connection.username.empty()) {
    settings.emplace_back("security.protocol", "SASL_PLAINTEXT");
    settings.emplace_back("sasl.mechanisms", "PLAIN");
    settings.emplace_back("sasl.username", connection.username);
    settings.emplace_back("sasl.password", connection.password);
  }
  std::vector<std::string> secrets{connection.password};
  bool debug = false;
  for (const auto& [raw_key, value] : connection.properties) {
    if (raw_key == "sasl.jaas.config") {
      return fail(ErrorCode::invalid_input,
                  "kafka property 'sasl.jaas.config': not supported (it is Java-only); "
                  "use --username and --secret");
    }
    // The Java client's spelling, accepted by the original.
    const std::string key = raw_key == "sasl.mechanism" ? "sasl.mechanisms" : raw_key;
    if (key.find("password") != std::string::npos || key.find("secret") != std::string::npos) {
      secrets.push_back(value);
    }
    debug = debug || key == "debug";
    settings.emplace_back(key, value);
  }
  std::string user;
  std::string mechanism;
  for (const auto& [key, value] : settings) {
    if (key == "sasl.username") {
      user = value;
    } else if (key == "sasl.mechanisms") {
      mechanism = value;
    }
  }

  auto state = std::make_unique<ClientState>(secrets, debug);
  ConfHandle conf(rd_kafka_conf_new());
  std::array<char, 512> errstr{};
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), errstr.data(), errstr.size())
        != RD_KAFKA_CONF_OK) {
      return fail(ErrorCode::invalid_input,
                  state->mask(fmt::format("kafka property '{}': {}", key, errstr.data())));
    }
  }
  rd_kafka_conf_set_opaque(conf.get(), state.get());
  rd_kafka_conf_set_log_cb(conf.get(), on_log);
  rd_kafka_conf_set_error_cb(conf.get(), on_error);

  KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size()));
  if (!rk) {
    return fail(
        ErrorCode::invalid_input,
        state->mask(fmt::format("kafka '{}': {}", connection.bootstrap_servers, errstr.data())));
  }
  (void)conf.release(); // owned by rk now

  if (!verify_connection(rk.get(), *state, connection.timeout)) {
    auto error = connect_error(connection, *state, user, mechanism);
    rk.reset(); // before state: callbacks may still run while it shuts down
    return tl::unexpected(std::move(error));
  }
  LogDirsAccess log_dirs_access;
  for (const auto& [key, value] : settings) {
    if (key == "security.protocol") {
      log_dirs_access.security_protocol = value;
    } else if (key == "sasl.mechanisms") {
      log_dirs_access.sasl_mechanism = value;
    } else if (key == "sasl.username") {
      log_dirs_access.username = value;
    } else if (key == "sasl.password") {
      log_dirs_access.password = value;
    } else if (key == "client.id") {
      log_dirs_access.client_id = value;
    }
  }
  log_dirs_access.timeout = connection.timeout;
  return std::make_unique<RdKafkaAdmin>(connection.bootstrap_servers,
                                        connection.timeout,
                                        std::move(log_dirs_access),
                                        std::move(state),
                                        std::move(rk));
}

} // namespace specmesh::kafka
