#include "platform/platformd_main.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "common/logging.h"
#include "platform/server.h"
#include "platform/state_dir.h"

namespace confidant::platform {

int PlatformdMain(int argc, char** argv) {
  CLI::App app(
      "confidant-platformd: the Confidant platform daemon (root of trust of the sw "
      "backend). Usually started by `confidant platform start` or, in embedded mode, "
      "by the host library.",
      "confidant-platformd");
  ServerOptions options;
  options.state_directory = DefaultStateDirectory();
  long idle = 60;
  std::string log_level = "info";
  app.add_option("--state-dir", options.state_directory, "State directory (mode 0700)")
      ->capture_default_str();
  app.add_option("--socket", options.socket_path,
                 "API socket (default: <state-dir>/platformd.sock)");
  app.add_flag("--embedded", options.embedded,
               "Embedded mode: initialize the state directory if needed, exit when idle");
  app.add_option("--idle-exit", idle, "Embedded mode: seconds idle before exiting")
      ->capture_default_str();
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  options.idle_exit = std::chrono::seconds(idle);
  if (Status status = InitLogging({.level = log_level, .json = false}); !status.ok()) {
    std::fprintf(stderr, "confidant-platformd: %s\n", status.ToString().c_str());
    return 2;
  }
  auto server = PlatformServer::Create(options);
  if (!server.ok()) {
    if (options.embedded && server.status().code() == StatusCode::kAlreadyExists) return 0;
    std::fprintf(stderr, "confidant-platformd: %s\n", server.status().ToString().c_str());
    return 1;
  }
  LOG_INFO("platformd {} listening on {}", options.embedded ? "(embedded)" : "",
           (*server)->socket_path());
  Status status = (*server)->Run();
  if (!status.ok()) {
    std::fprintf(stderr, "confidant-platformd: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace confidant::platform
