// The subcommands and the options they share. Each command reads top to bottom:
// load the spec, compute, render, choose the exit code.
#pragma once

#include <specmesh/cli/run.hpp>
#include <specmesh/plan/desired.hpp>
#include <specmesh/plan/plan.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
  std::string output = "text"; ///< text, json or yaml (validate: also github, sarif)
  bool quiet = false;          ///< -q: only errors on stderr
  bool verbose = false;        ///< -v: also which files are read and what is connected to
  /// The options the user spelled in a legacy form, as spelled (`--partition-count-factor` ->
  /// `-pfc`), so that messages name the flag as it was written.
  std::map<std::string, std::string, std::less<>> spelled_as;
  bool offline = false;
  bool acl_disabled = false;
  bool sr_disabled = false;
  bool dry_run = false;
  bool clean_unspecified = false;
  bool original_acls = false; ///< rows A, C, D on `D`, not `D.` (Part A.1)
  bool no_wait = false;       ///< provision: report without waiting until changes are visible
  bool strict = false;        ///< the spec's warnings are errors
  bool s3_disabled = false;   ///< leave storage alone

  // Storage naming (docs/storage.md): the domain's bucket and the principals of its access.
  std::string s3_bucket_template;
  std::string s3_principal_template;
  std::string s3_mesh_principal;

  // Connections (provision, plan).
  std::string bootstrap_servers;
  std::string username;
  std::string secret;
  std::string schema_registry;
  std::string sr_api_key;
  std::string sr_api_secret;
  std::string sr_ca_file;
  std::string command_config; ///< a file of librdkafka `key=value` client properties
  double timeout_seconds = 30;

  std::vector<std::string> local_args; ///< `specmesh local ...`: passed to local-env.sh

  // export / flatten
  std::string domain_id;  ///< export: the domain to export (`:` allowed, as in a urn)
  std::string schema_dir; ///< export: where to write the latest schemas (none: no schemas)
  std::string in_spec;    ///< flatten: the spec to read
  std::string out_spec;   ///< export / flatten: file to write (also printed to stdout)

  // storage / consumption
  std::string report_output = "json"; ///< json (the original's document), yaml or text

  std::string shell; ///< completion: bash or zsh
};

/// A single-dash long flag of the Java original (`-bs`) and the option it stands for.
struct LegacyFlag {
  std::string_view legacy;
  std::string_view modern;
};

/// Every legacy flag that translate_legacy_flags rewrites (Part B §6).
std::span<const LegacyFlag> legacy_flags();

/// "Legacy flags (specmesh-build):" and a line `-bs = --bootstrap-server` for each legacy flag
/// of an option `command` has; empty when it has none.
std::string legacy_flags_help(const CLI::App& command);

struct Command {
  CLI::App* app = nullptr;
  std::function<int(const CommandOptions&, Environment&)> run;
};

std::vector<Command> register_commands(CLI::App& app, CommandOptions& options);

/// Options that decide what the spec stands for (spec, schema path, markers, -D ...).
void add_spec_options(CLI::App& command, CommandOptions& options);
/// Options that shape the desired state (domain user, partition factor, env, ...).
void add_desired_options(CLI::App& command, CommandOptions& options);
/// --output text|json|yaml.
void add_output_option(CLI::App& command, CommandOptions& options);
/// -q/--quiet and -v/--verbose.
void add_verbosity_options(CLI::App& command, CommandOptions& options);
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

/// `--partition-count-factor`, or `-pfc (--partition-count-factor)` when the user wrote `-pfc`.
std::string flag_as_written(const CommandOptions& options, std::string_view option_name);

/// Naming and desired-state options from flags and `-D` properties, or a one-line error.
Result<plan::DesiredOptions> desired_options(const CommandOptions& options);

/// The name diagnostics give the spec: its path, or `<stdin>` for `--spec -`.
std::string spec_display_name(const CommandOptions& options);

/// What loading the command's spec found.
struct LoadedSpec {
  /// The desired state, or why there is none (invalid_spec: Error::diagnostics lists why).
  Result<plan::DesiredState> state;
  std::vector<Diagnostic> warnings; ///< spec::ApiSpec::warnings
  /// The problems of the schema files an invalid spec references (those of a valid spec are
  /// state->schema_failures).
  std::vector<plan::SchemaFailure> schema_failures;
};

/// Reads the spec (`--spec -`: from env.in) and, with `with_schemas`, the schema files it
/// references (paths as written, or under --schema-path), and computes the desired state.
/// Prints nothing but the -v lines.
LoadedSpec load_spec(const CommandOptions& options, bool with_schemas, Environment& env);

/// Prints each schema failure, with "note: referenced here" at the `$ref` when the problem is
/// placed in the schema file.
void print_schema_failures(const std::vector<plan::SchemaFailure>& failures, Environment& env);

/// Prints why `loaded` has no desired state (every diagnostic, the schema failures, the one-line
/// summary) to env.err and returns k_exit_error.
int print_load_failure(const LoadedSpec& loaded, Environment& env);

/// Prints the spec's warnings to env.err (not with -q, unless --strict).
void print_warnings(const CommandOptions& options,
                    const std::vector<Diagnostic>& warnings,
                    Environment& env);
/// True, after saying why on env.err, when the spec's warnings stop the command: --strict makes
/// them errors, and --clean-unspecified deletes nothing on a spec with warnings (a misspelt key
/// can hide a channel, whose topic would then be deleted).
bool warnings_refused(const CommandOptions& options,
                      const std::vector<Diagnostic>& warnings,
                      Environment& env);

/// The desired state of the command's spec (`with_schemas`: also reading its schema files).
/// Prints the spec's warnings to env.err; on failure (or warnings_refused) prints
/// every diagnostic and a one-line summary to env.err and returns nullopt.
std::optional<plan::DesiredState>
load_desired(const CommandOptions& options, bool with_schemas, Environment& env);

/// Prints "specmesh: <line>" to env.err with -v only.
void verbose_line(const CommandOptions& options, Environment& env, std::string_view line);
/// Prints "specmesh: <line>" (a note or a warning) to env.err unless -q.
void note_line(const CommandOptions& options, Environment& env, std::string_view line);

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
/// What the progress line says while connecting to Kafka.
std::string kafka_progress_text(const kafka::Connection& connection);
/// The schema-registry connection the options describe, or a one-line error.
Result<registry::Connection> registry_connection(const CommandOptions& options);
/// "connecting to Kafka at B as user U (timeout 30 s)", for -v; never a secret.
std::string describe_connection(const kafka::Connection& connection);
/// "connecting to the schema registry at URL as user K", for -v; never a secret.
std::string describe_connection(const registry::Connection& connection);

/// specmesh's version, the build commit and the client libraries' versions, one per line.
std::string version_text(const Environment& env);
/// specmesh's own version (the CMake project version).
std::string specmesh_version();

/// The completion script for `shell` (bash or zsh), generated from the commands of `app`.
std::string completion_script(const CLI::App& app, const std::string& shell);

/// Commands registered by their own files: export and flatten; storage and consumption;
/// version and completion.
void register_export_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands);
void register_report_commands(CLI::App& app,
                              CommandOptions& options,
                              std::vector<Command>& commands);
void register_tool_commands(CLI::App& app, CommandOptions& options, std::vector<Command>& commands);

int run_validate(const CommandOptions& options, Environment& env);
int run_plan(const CommandOptions& options, Environment& env);
int run_provision(const CommandOptions& options, Environment& env);
int run_local(const CommandOptions& options, Environment& env);

} // namespace specmesh::cli
