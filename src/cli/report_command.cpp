// `specmesh storage` and `specmesh consumption`: chargeback reports (Part B §6.2, §6.3, §8) of
// the topics the spec's domain owns. Load the spec, connect, measure, render.
#include "commands.hpp"
#include "output_format.hpp"

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

/// One report command: its help, how it measures and how it prints.
template <typename Report> struct ReportKind {
  const char* command;
  const char* description;
  const char* footer;
  Result<Report> (*measure)(ports::ClusterMetrics&, const std::vector<std::string>&);
  std::string (*render_json)(const Report&);
  std::string (*render_text)(const Report&);
};

constexpr ReportKind<metrics::StorageReport> k_storage{
    .command = "storage",
    .description = "Chargeback: bytes on disk (all replicas) and record count of each owned topic.",
    .footer = "Example:\n  specmesh storage --bootstrap-server localhost:9092 --username admin "
              "--spec acme.shop-api.yaml\n"
              "Prints {\"<topic>\":{\"storage-bytes\":N,\"offset-total\":N},...}; needs DESCRIBE "
              "on the cluster (one DescribeLogDirs per broker). See docs/metrics.md.\n"
              "Exit codes: 0 done, 1 error.",
    .measure = metrics::measure_storage,
    .render_json = metrics::render_storage_json,
    .render_text = metrics::render_storage_text};

constexpr ReportKind<metrics::ConsumptionReport> k_consumption{
    .command = "consumption",
    .description = "Chargeback: every active consumer group of each owned topic, with its "
                   "members and committed offsets.",
    .footer = "Example:\n  specmesh consumption --bootstrap-server localhost:9092 --username "
              "admin --spec acme.shop-api.yaml --output text\n"
              "Counts Stable, non-simple groups with a member assigned a partition of the topic. "
              "See docs/metrics.md.\nExit codes: 0 done, 1 error.",
    .measure = metrics::measure_consumption,
    .render_json = metrics::render_consumption_json,
    .render_text = metrics::render_consumption_text};

/// Loads the spec, connects, measures the topics its domain owns and prints the report.
template <typename Report>
int run_report(const ReportKind<Report>& kind, const CommandOptions& options, Environment& env) {
  if (!check_spec_given(options, kind.command, env)) {
    return k_exit_error;
  }
  const auto topics = owned_topics(options, env);
  if (!topics) {
    return k_exit_error;
  }
  if (const auto connection = kafka_connection(options)) {
    verbose_line(options, env, describe_connection(*connection));
  }
  auto kafka = connect_kafka(options, env);
  if (!kafka) {
    return fail_with(env, kafka.error());
  }
  const Result<Report> report = kind.measure(**kafka, *topics);
  if (!report) {
    return fail_with(env, report.error());
  }
  if (options.report_output == "text") {
    env.out << kind.render_text(*report);
  } else {
    const std::string json = kind.render_json(*report);
    env.out << (options.report_output == "yaml" ? json_to_yaml(json) : json);
  }
  return k_exit_ok;
}

template <typename Report>
void register_report(const ReportKind<Report>& kind,
                     CLI::App& app,
                     CommandOptions& options,
                     std::vector<Command>& commands) {
  CLI::App* command = app.add_subcommand(kind.command, kind.description);
  add_spec_options(*command, options);
  add_kafka_options(*command, options);
  command->add_option("--output,-o", options.report_output, "Output format")
      ->check(CLI::IsMember({"json", "yaml", "text"}))
      ->capture_default_str();
  command->footer(kind.footer);
  commands.push_back({command, [&kind](const CommandOptions& given, Environment& env) {
                        return run_report(kind, given, env);
                      }});
}

} // namespace

void register_report_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands) {
  register_report(k_storage, app, options, commands);
  register_report(k_consumption, app, options, commands);
}

} // namespace specmesh::cli
