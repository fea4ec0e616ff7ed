// The subcommands and the options they share. Each command reads top to bottom:
// load the spec, compute, render, choose the exit code.
#pragma once

#include <specmesh/cli/run.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace specmesh::cli {

/// Every option of every command; each command registers the ones it takes.
struct CommandOptions {
  std::string spec_path;
  std::string schema_path;
  std::vector<std::string> properties; ///< -D key=value
  std::string public_marker;
  std::string protected_marker;
  std::string private_marker;
  std::string domain_user;
  double partition_count_factor = 1.0;
  std::string env;
  std::string output = "text";
  bool offline = false;
  bool acl_disabled = false;
  bool sr_disabled = false;
  bool dry_run = false;
  bool clean_unspecified = false;
  bool original_acls = false; ///< rows A, C, D on `D`, not `D.` (Part A.1)
  bool no_wait = false;       ///< provision: report without waiting until changes are visible
  bool strict = false;        ///< the spec's warnings are errors

  // Connections (provision, plan).
  std::string bootstrap_servers;
  std::string username;
  std::string secret;
  std::string schema_registry;
  std::string sr_api_key;
  std::string sr_api_secret;
  std::string command_config; ///< a file of librdkafka `key=value` client properties
  double timeout_seconds = 30;

  std::vector<std::string> local_args; ///< `specmesh local ...`: passed to local-env.sh

  // export / flatten
  std::string domain_id;  ///< export: the domain to export (`:` allowed, as in a urn)
  std::string schema_dir; ///< export: where to write the latest schemas (none: no schemas)
  std::string in_spec;    ///< flatten: the spec to read
  std::string out_spec;   ///< export / flatten: file to write (also printed to stdout)

  // storage / consumption
  std::string report_output = "json"; ///< json (the original's document) or text
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int(const CommandOptions&, Environment&)> run;
};

std::vector<Command> register_commands(CLI::App& app, CommandOptions& options);

/// Options that decide what the spec stands for (spec, schema path, markers, -D ...).
void add_spec_options(CLI::App& command, CommandOptions& options);
/// Options that shape the desired state (domain user, partition factor, env, ...).
void add_desired_options(CLI::App& command, CommandOptions& options);
/// --output text|json.
void add_output_option(CLI::App& command, CommandOptions& options);
/// Kafka connection options: --bootstrap-server, --username, --secret, --command-config, --timeout.
void add_kafka_options(CLI::App& command, CommandOptions& options);
/// Schema-registry connection options: --schema-registry, --sr-api-key, --sr-api-secret.
void add_registry_options(CLI::App& command, CommandOptions& options);
/// Kafka and registry connection options and --clean-unspecified (plan, provision).
void add_connection_options(CLI::App& command, CommandOptions& options);

/// `provision.properties` (Part B §6.1, Part A.1): each `key=value` whose key, with '.' read as
/// '-', names an option of `command` that the command line did not set supplies its value.
/// The file is `-D provision.properties=FILE`, else ./provision.properties; a missing file is
/// not an error. Returns a one-line error for an unreadable file or a bad value.
Result<void>
apply_properties_file(CLI::App& command, const CommandOptions& options, Environment& env);

/// The value of `-D key=...`, if given.
std::optional<std::string> property(const CommandOptions& options, const std::string& key);

/// "specmesh: --spec is required (see 'specmesh plan --help')" unless the spec is set.
bool check_spec_given(const CommandOptions& options, const char* command, Environment& env);

/// Naming and desired-state options from flags and `-D` properties, or a one-line error.
Result<plan::DesiredOptions> desired_options(const CommandOptions& options);

/// The desired state of the command's spec (`with_schemas`: also reading its schema files).
/// Prints the spec's warnings to env.err; on failure (with --strict: on a warning too) prints
/// every diagnostic and a one-line summary to env.err and returns nullopt.
std::optional<plan::DesiredState>
load_desired(const CommandOptions& options, bool with_schemas, Environment& env);

/// Exit code of a plan (Part A.3): 1 any item FAILED, 3 a change BLOCKED, else for a dry run 2
/// when there are changes, 0 otherwise.
int plan_exit_code(const plan::Plan& plan, bool dry_run);

/// Prints "specmesh: <message>" to env.err and returns k_exit_error.
int fail_with(Environment& env, const Error& error);

/// The Kafka connection the options describe (bootstrap servers, SASL user, client config
/// file, `-D` client properties, timeout), or a one-line error.
Result<kafka::Connection> kafka_connection(const CommandOptions& options);
/// The Kafka admin client the options describe, connected through env.connect_kafka.
Result<std::unique_ptr<ports::KafkaAdmin>> connect_kafka(const CommandOptions& options,
                                                         Environment& env);
/// The schema-registry connection the options describe, or a one-line error.
Result<registry::Connection> registry_connection(const CommandOptions& options);

/// Commands registered by their own files: export and flatten; storage and consumption.
void register_export_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands);
void register_report_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands);

int run_validate(const CommandOptions& options, Environment& env);
int run_plan(const CommandOptions& options, Environment& env);
int run_provision(const CommandOptions& options, Environment& env);
int run_local(const CommandOptions& options, Environment& env);

} // namespace specmesh::cli
