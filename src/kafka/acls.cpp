// The ACL calls of RdKafkaAdmin: DescribeAcls (telling "no authorizer" and "not allowed" from
// "no ACLs"), CreateAcls and DeleteAcls of exact bindings, in batches the controller accepts.
#include "acl_codec.hpp"
#include "rdkafka_admin.hpp"

#include <fmt/format.h>

#include <array>

namespace specmesh::kafka {
namespace {

using ports::Outcome;

/// CreateAcls or DeleteAcls of `acls` as bindings (or, for deletion, exact filters) in chunks of
/// single-record items; the answers come back one per item in request order, and
/// `judge(answer, acl)` turns each into its outcome.
template <typename Send, typename ResultsOf, typename AnswersOf, typename Judge>
std::vector<Outcome> send_acls_in_batches(const AdminClient& client,
                                          const std::vector<plan::AclBinding>& acls,
                                          AclForm form,
                                          rd_kafka_admin_op_t op,
                                          Send send,
                                          ResultsOf results_of,
                                          AnswersOf answers_of,
                                          Judge judge) {
  std::vector<Outcome> outcomes(acls.size());
  std::vector<std::size_t> sent; // index into acls of each binding in the request
  AclBindingArray bindings;
  for (std::size_t i = 0; i < acls.size(); ++i) {
    auto binding = to_rd_acl(acls[i], form);
    if (!binding) {
      outcomes[i] = tl::unexpected(std::move(binding.error()));
      continue;
    }
    sent.push_back(i);
    bindings.push_back(std::move(*binding));
  }
  const QueueHandle queue(rd_kafka_queue_new(client.rk()));
  const auto opts = client.options(op);
  for (const auto& [begin, end] : request_batches(std::vector<std::size_t>(sent.size(), 1))) {
    send(client.rk(), bindings.data() + begin, end - begin, opts.get(), queue.get());
    const auto event = client.wait(queue.get());
    std::size_t count = 0;
    const auto** answers = event ? answers_of(results_of(event->get()), &count) : nullptr;
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

} // namespace

RequestResult<std::string> RdKafkaAdmin::broker_config(const std::string& key) const {
  const auto metadata = m_client.metadata(false);
  if (!metadata) {
    return tl::unexpected(metadata.error());
  }
  if ((*metadata)->broker_cnt < 1) {
    return tl::unexpected(RequestFailure{RD_KAFKA_RESP_ERR__FAIL, "no brokers in the metadata"});
  }
  const std::string broker_id = std::to_string((*metadata)->brokers[0].id);
  auto configs = describe_configs(RD_KAFKA_RESOURCE_BROKER, {broker_id});
  if (!configs) {
    return tl::unexpected(configs.error());
  }
  const auto it = configs->find(broker_id);
  if (it == configs->end()) {
    return tl::unexpected(RequestFailure{RD_KAFKA_RESP_ERR__FAIL, "no result for the broker"});
  }
  if (!it->second) {
    return tl::unexpected(it->second.error());
  }
  const auto value = it->second->effective.find(key);
  return value == it->second->effective.end() ? std::string() : value->second;
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
                fmt::format("kafka '{}': acl filter: {}", m_client.bootstrap(), errstr.data()));
  }
  const std::string no_authorizer = fmt::format(
      "kafka '{}': the cluster has no authorizer; use --acl-disabled", m_client.bootstrap());
  auto event =
      m_client.request(RD_KAFKA_ADMIN_OP_DESCRIBEACLS, [&](auto* rk, auto* options, auto* queue) {
        rd_kafka_DescribeAcls(rk, filter.get(), options, queue);
      });
  if (!event) {
    if (event.error().err == RD_KAFKA_RESP_ERR_SECURITY_DISABLED) {
      return fail(ErrorCode::unavailable, no_authorizer);
    }
    return tl::unexpected(m_client.cluster_error("cannot describe acls", event.error()));
  }
  std::size_t count = 0;
  const auto** acls =
      rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(event->get()), &count);
  std::vector<plan::AclBinding> bindings;
  bindings.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (auto binding = from_rd_acl(acls[i])) {
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
                              m_client.bootstrap()));
    }
    if (!authorizer) {
      return tl::unexpected(m_client.cluster_error("cannot describe acls", authorizer.error()));
    }
  }
  return bindings;
}

std::vector<Outcome> RdKafkaAdmin::create_acls(const std::vector<plan::AclBinding>& acls) {
  return send_acls_in_batches(
      m_client,
      acls,
      AclForm::binding,
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
      m_client,
      acls,
      AclForm::exact_filter,
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

} // namespace specmesh::kafka
