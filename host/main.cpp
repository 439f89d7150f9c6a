// tradehost: wires the command line to the commands; nothing else lives here.
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/args.hpp"
#include "cli/startup.hpp"
#include "config/env.hpp"
#include "log/log.hpp"

namespace {

std::filesystem::path executable_path(const char* argv0) {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return self;
  return std::filesystem::absolute(argv0, ec);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tradehost;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = cli::parse_args(args);
  if (!parsed) {
    cli::Command command = cli::Command::run;
    for (auto c : {cli::Command::plugins, cli::Command::config, cli::Command::validate, cli::Command::decode,
                   cli::Command::plan, cli::Command::conformance}) {
      if (!args.empty() && args[0] == cli::command_name(c)) command = c;
    }
    std::cerr << parsed.error().message << "\n" << cli::usage(command);
    return cli::kExitUsage;
  }
  if (parsed->help) {
    std::cout << cli::usage(parsed->command);
    return cli::kExitOk;
  }
  // Inspecting commands keep stderr to warnings and errors unless asked for more.
  const bool inspecting = parsed->command == cli::Command::plugins || parsed->command == cli::Command::config ||
                          parsed->command == cli::Command::decode || parsed->command == cli::Command::plan ||
                          parsed->command == cli::Command::conformance;
  auto level = log::parse_level(parsed->log_level.value_or(inspecting ? "warning" : "info"));
  auto format = log::parse_format(parsed->log_format.value_or("text"));
  if (!level || !format) {
    std::cerr << "tradehost: " << (!level ? level.error().message : format.error().message) << "\n"
              << cli::usage(parsed->command);
    return cli::kExitUsage;
  }
  log::init(*level, *format);

  auto startup = cli::prepare(*parsed, config::Env::from_process(), executable_path(argv[0]));
  switch (parsed->command) {
    case cli::Command::run: return cli::run_command(*parsed, startup);
    case cli::Command::plugins: return cli::plugins_command(*parsed, startup);
    case cli::Command::config: return cli::config_command(*parsed, startup);
    case cli::Command::validate: return cli::validate_command(*parsed, startup);
    case cli::Command::decode: return cli::decode_command(*parsed, startup);
    case cli::Command::plan: return cli::plan_command(*parsed, startup);
    case cli::Command::conformance: return cli::conformance_command(*parsed, startup);
  }
  return cli::kExitUsage;
}
