// `specmesh storage` and `specmesh consumption`: chargeback reports (Part B §6.2, §6.3, §8) of
// the topics the spec's domain owns. Load the spec, connect, measure, render.
#include "commands.hpp"

#include <specmesh/metrics/chargeback.hpp>
#include <specmesh/spec/load.hpp>

namespace specmesh::cli {

namespace {

/// The names of the topics the spec provisions (owned by its domain), sorted; diagnostics of
/// an invalid spec are printed to env.err.
std::optional<std::vector<std::string>> owned_topics(const CommandOptions& options,
                                                     Environment& env) {
  const std::optional<plan::DesiredState> desired = load_desired(options, false, env);
  if (!desired) {
    return std::nullopt;
  }
  std::vector<std::string> topics;
  for (const plan::Topic& topic : desired->topics) {
    topics.push_back(topic.name);
  }
  return topics;
}

Result<std::unique_ptr<ports::KafkaAdmin>> connect(const CommandOptions& options,
                                                   Environment& env) {
  const Result<kafka::Connection> connection = kafka_connection(options);
  if (!connection) {
    return tl::unexpected(connection.error());
  }
  if (!env.connect_kafka) {
    return fail(ErrorCode::internal, "this specmesh has no Kafka client");
  }
  return env.connect_kafka(*connection);
}

int run_storage(const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, "storage", env)) {
    return k_exit_error;
  }
  const auto topics = owned_topics(options, env);
  if (!topics) {
    return k_exit_error;
  }
  auto kafka = connect(options, env);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  const Result<metrics::StorageReport> report = metrics::measure_storage(**kafka, *topics);
  if (!report) {
    return fail_with(env, report.error());
  }
  env.out << (options.report_output == "text" ? metrics::render_storage_text(*report)
                                              : metrics::render_storage_json(*report));
  return k_exit_ok;
}

int run_consumption(const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, "consumption", env)) {
    return k_exit_error;
  }
  const auto topics = owned_topics(options, env);
  if (!topics) {
    return k_exit_error;
  }
  auto kafka = connect(options, env);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  const Result<metrics::ConsumptionReport> report = metrics::measure_consumption(**kafka, *topics);
  if (!report) {
    return fail_with(env, report.error());
  }
  env.out << (options.report_output == "text" ? metrics::render_consumption_text(*report)
                                              : metrics::render_consumption_json(*report));
  return k_exit_ok;
}

void add_report_output_option(CLI::App& command, CommandOptions& options) {
  command.add_option("--output,-o", options.report_output, "Output format")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
}

} // namespace

void register_report_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands) {
  CLI::App* storage = app.add_subcommand(
      "storage", "Chargeback: bytes on disk (all replicas) and record count of each owned topic.");
  add_spec_options(*storage, options);
  add_kafka_options(*storage, options);
  add_report_output_option(*storage, options);
  storage->footer(
      "Example:\n  specmesh storage --bootstrap-server localhost:9092 --username admin "
      "--spec acme.shop-api.yaml\n"
      "Prints {\"<topic>\":{\"storage-bytes\":N,\"offset-total\":N},...}; needs DESCRIBE on the "
      "cluster (one DescribeLogDirs per broker). See docs/metrics.md.\n"
      "Exit codes: 0 done, 1 error.");
  commands.push_back({storage, run_storage});

  CLI::App* consumption =
      app.add_subcommand("consumption",
                         "Chargeback: every active consumer group of each owned topic, with its "
                         "members and committed offsets.");
  add_spec_options(*consumption, options);
  add_kafka_options(*consumption, options);
  add_report_output_option(*consumption, options);
  consumption->footer(
      "Example:\n  specmesh consumption --bootstrap-server localhost:9092 --username admin "
      "--spec acme.shop-api.yaml --output text\n"
      "Counts Stable, non-simple groups with a member assigned a partition of the topic. "
      "See docs/metrics.md.\nExit codes: 0 done, 1 error.");
  commands.push_back({consumption, run_consumption});
}

} // namespace specmesh::cli
