// The librdkafka client behind RdKafkaAdmin and how its requests go out and come back: options
// bounded by the connection's timeout, waiting for a result, topic requests sent in batches
// the controller accepts and their outcomes put back in input order. Private to src/kafka.
#pragma once

#include "client_state.hpp"
#include "errors.hpp"
#include "handles.hpp"
#include "request_batches.hpp"

#include <specmesh/ports/kafka_admin.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::kafka {

/// `value` as librdkafka's int milliseconds, at least 1 ms and at most a day.
int to_ms(std::chrono::milliseconds value);

/// A failure of a whole request (as opposed to one item of it).
struct RequestFailure {
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__FAIL;
  std::string reason;
};

template <typename T> using RequestResult = tl::expected<T, RequestFailure>;

/// Per-item results of a batched request, keyed by resource name.
using ItemErrors = std::map<std::string, ports::Outcome, std::less<>>;

/// Per-item outcomes in input order from the name-keyed results of a batched request.
/// Items missing from `results` (never sent, or not answered) fail as not answered.
std::vector<ports::Outcome>
in_order(const std::vector<std::string>& names, const ItemErrors& results, std::string_view what);

/// The topics of one name-keyed batched request (CreateTopics, CreatePartitions,
/// IncrementalAlterConfigs, DeleteTopics), added one by one in input order; one that
/// librdkafka would not build is an outcome already and is not sent.
template <typename T, typename Deleter> struct TopicBatch {
  void add(const std::string& name, std::unique_ptr<T, Deleter> item, std::size_t records) {
    names.push_back(name);
    items.push_back(std::move(item));
    sent.push_back(name);
    costs.push_back(records);
  }
  void refuse(const std::string& name, Error error) {
    names.push_back(name);
    results[name] = tl::unexpected(std::move(error));
  }

  std::vector<std::string> names; ///< every topic, in input order
  ItemErrors results;
  HandleArray<T, Deleter> items;
  std::vector<std::string> sent;  ///< the topic of each of `items`
  std::vector<std::size_t> costs; ///< the metadata records each of `items` writes
};

/// How to read one item of a batched answer (a topic result, a config resource).
template <typename Answer> struct AnswerFields {
  const char* (*name)(const Answer*);
  rd_kafka_resp_err_t (*error)(const Answer*);
  const char* (*error_string)(const Answer*);
};

class AdminClient {
public:
  AdminClient(std::string bootstrap,
              std::chrono::milliseconds timeout,
              std::unique_ptr<ClientState> state,
              KafkaHandle rk)
      : m_bootstrap(std::move(bootstrap)), m_timeout(timeout), m_state(std::move(state)),
        m_rk(std::move(rk)) {}

  rd_kafka_t* rk() const { return m_rk.get(); }
  const ClientState& state() const { return *m_state; }
  const std::string& bootstrap() const { return m_bootstrap; }
  std::chrono::milliseconds timeout() const { return m_timeout; }

  /// Options for one request: its overall timeout and, for the topic operations, how long the
  /// broker may wait for the change to propagate.
  AdminOptionsHandle options(rd_kafka_admin_op_t op, bool validate_only = false) const;

  /// Waits for the result of a request started on `queue`; a request-level error (timeout,
  /// transport, ...) comes back as a RequestFailure.
  RequestResult<EventHandle> wait(rd_kafka_queue_t* queue) const;

  /// One request: `send(rk, options, queue)` starts it (e.g. with rd_kafka_DescribeAcls), and
  /// its result is waited for.
  template <typename Send>
  RequestResult<EventHandle> request(rd_kafka_admin_op_t op, Send send) const {
    const QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    const auto opts = options(op);
    send(m_rk.get(), opts.get(), queue.get());
    return wait(queue.get());
  }

  /// Cluster metadata: of every topic, or (`all_topics` false) just the brokers.
  RequestResult<MetadataHandle> metadata(bool all_topics) const;

  /// `kafka 'bootstrap': doing: reason`.
  Error cluster_error(std::string_view doing, const RequestFailure& failure) const;

  /// Sends `batch` in chunks the controller accepts (request_batches): `send` (e.g.
  /// rd_kafka_CreateTopics) for items [begin, end), whose answer `results_of` (e.g.
  /// rd_kafka_event_CreateTopics_result) and `answers_of` (..._result_topics) unpack and
  /// `fields` read. A chunk whose request fails as a whole marks its own topics with that
  /// failure; the other chunks go on. Returns one outcome per topic, in input order.
  template <typename T,
            typename Deleter,
            typename Send,
            typename ResultsOf,
            typename AnswersOf,
            typename Answer>
  std::vector<ports::Outcome> send_in_batches(TopicBatch<T, Deleter>& batch,
                                              const AdminOptionsHandle& options,
                                              Send send,
                                              ResultsOf results_of,
                                              AnswersOf answers_of,
                                              const AnswerFields<Answer>& fields) const {
    const QueueHandle queue(rd_kafka_queue_new(m_rk.get()));
    for (const auto& [begin, end] : request_batches(batch.costs)) {
      send(m_rk.get(), batch.items.data() + begin, end - begin, options.get(), queue.get());
      const auto event = wait(queue.get());
      if (!event) {
        for (std::size_t i = begin; i < end; ++i) {
          batch.results[batch.sent[i]] = tl::unexpected(
              make_error("topic", batch.sent[i], event.error().err, event.error().reason.c_str()));
        }
        continue;
      }
      std::size_t count = 0;
      const Answer** answers = answers_of(results_of(event->get()), &count);
      for (std::size_t i = 0; i < count; ++i) {
        const std::string name = fields.name(answers[i]);
        const auto err = fields.error(answers[i]);
        // The first answer for a topic counts (a topic twice in the input is sent twice).
        batch.results.try_emplace(name,
                                  err == RD_KAFKA_RESP_ERR_NO_ERROR
                                      ? ports::Outcome{}
                                      : ports::Outcome(tl::unexpected(make_error(
                                          "topic", name, err, fields.error_string(answers[i])))));
      }
    }
    return in_order(batch.names, batch.results, "topic");
  }

private:
  std::string m_bootstrap;
  std::chrono::milliseconds m_timeout;
  // Declared before m_rk so it outlives the handle: callbacks may run inside rd_kafka_destroy.
  std::unique_ptr<ClientState> m_state;
  KafkaHandle m_rk;
};

} // namespace specmesh::kafka
