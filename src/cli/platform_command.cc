// `confidant platform init|start|status|sizes`: the sw backend's platform daemon
// (docs/platform.md).

#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "channel/platform_protocol.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "host/platform_client.h"
#include "platform/server.h"
#include "platform/size_catalog.h"
#include "platform/state_dir.h"

namespace confidant::cli {
namespace {

struct PlatformSettings {
  std::string state_dir;
  std::string socket;
  std::string size{platform::kDefaultSize};
  uint32_t uid_base = platform::kDefaultUidBase;
  uint32_t uid_count = platform::kDefaultUidCount;
  std::string socket_mode;
};

std::string StateDir(const PlatformSettings& s) {
  return s.state_dir.empty() ? platform::DefaultStateDirectory() : s.state_dir;
}

Status Init(const PlatformSettings& s, const Output& output) {
  std::string dir = StateDir(s);
  RETURN_IF_ERROR(platform::InitStateDirectory(
      dir, {.size = s.size, .uid_base = s.uid_base, .uid_count = s.uid_count}));
  ASSIGN_OR_RETURN(platform::NodeSize size, platform::FindSize(s.size));
  if (output.json) {
    PrintJson(output, {{"state_directory", dir}, {"size", std::string(size.name)}});
  } else {
    output.out << "initialized " << dir << " (size " << size.name << ": " << size.vcpus << " vCPU, "
               << size.memory_gib << " GiB memory, " << size.epc_mib << " MiB EPC)\n";
  }
  return OkStatus();
}

Status Start(const PlatformSettings& s, const Output& output) {
  platform::ServerOptions options;
  options.state_directory = StateDir(s);
  options.socket_path = s.socket;
  const bool system =
      geteuid() == 0 && s.state_dir.empty() && getenv("CONFIDANT_PLATFORM_DIR") == nullptr;
  if (options.socket_path.empty() && system) {
    mkdir("/run/confidant", 0755);
    options.socket_path = channel::kSystemSocket;
  }
  options.socket_mode = system ? 0666 : 0600;
  if (!s.socket_mode.empty())
    options.socket_mode = static_cast<unsigned>(std::stoul(s.socket_mode, nullptr, 8));
  RETURN_IF_ERROR(InitLogging({.level = "info", .json = false}));
  ASSIGN_OR_RETURN(std::unique_ptr<platform::PlatformServer> server,
                   platform::PlatformServer::Create(options));
  output.err << "platformd: serving " << options.state_directory << " on " << server->socket_path()
             << " (Ctrl-C to stop)\n";
  return server->Run();
}

Result<UniqueFd> ConnectForStatus(const PlatformSettings& s, std::string& path) {
  std::vector<std::string> candidates;
  if (!s.socket.empty()) {
    candidates.push_back(s.socket);
  } else if (!s.state_dir.empty()) {
    candidates.push_back(s.state_dir + "/" + channel::kSocketFileName);
  } else {
    const char* from_env = getenv("CONFIDANT_PLATFORM_SOCKET");
    if (from_env != nullptr && *from_env != '\0') candidates.push_back(from_env);
    if (getenv("CONFIDANT_PLATFORM_DIR") == nullptr) candidates.push_back(channel::kSystemSocket);
    auto embedded = host::EmbeddedStateDirectory();
    if (embedded.ok()) candidates.push_back(*embedded + "/" + channel::kSocketFileName);
    candidates.push_back(platform::DefaultStateDirectory() + "/" + channel::kSocketFileName);
  }
  std::string looked;
  for (const std::string& candidate : candidates) {
    auto fd = host::ConnectUnix(candidate);
    if (fd.ok()) {
      path = candidate;
      return fd;
    }
    looked += (looked.empty() ? "" : ", ") + candidate;
  }
  return UnavailableError("no platformd is running (looked at " + looked +
                          "); start one with `confidant platform start`, or let an enclave host "
                          "start an embedded one");
}

Status Show(const PlatformSettings& s, const Output& output) {
  std::string path;
  ASSIGN_OR_RETURN(UniqueFd fd, ConnectForStatus(s, path));
  ASSIGN_OR_RETURN(channel::Message reply,
                   host::Request(fd.get(), {{"op", "status"}}, {}, std::chrono::seconds(10)));
  const nlohmann::json& platform = reply.body["platform"];
  if (output.json) {
    PrintJson(output, nlohmann::ordered_json::parse(platform.dump()));
    return OkStatus();
  }
  const auto& size = platform["size"];
  output.out << "platformd pid " << platform.value("pid", 0) << " (" << platform.value("mode", "")
             << ") on " << path << "\n"
             << "state directory: " << platform.value("state_directory", "") << "\n"
             << "size: " << size.value("name", "") << " (" << size.value("vcpus", 0) << " vCPU, "
             << size.value("memory_gib", 0) << " GiB memory, " << size.value("epc_mib", 0)
             << " MiB EPC)\n"
             << "memory committed: " << platform.value("committed_bytes", uint64_t{0}) / (1 << 20)
             << " of " << platform.value("memory_budget_bytes", uint64_t{0}) / (1 << 20) << " MiB\n"
             << "enclave uids: "
             << (platform.value("uid_isolation", false)
                     ? "one per enclave"
                     : "platformd's own (not root: no per-enclave uid)")
             << "\n";
  const auto& enclaves = platform["enclaves"];
  output.out << "enclaves: " << enclaves.size() << "\n";
  for (const auto& e : enclaves) {
    output.out << "  " << e.value("id", 0) << "  " << e.value("edl", "") << "  "
               << e.value("state", "") << "  pid " << e.value("pid", 0) << "  uid "
               << e.value("uid", 0) << "  MRENCLAVE " << e.value("mrenclave", "") << "\n";
  }
  return OkStatus();
}

Status Sizes(const Output& output) {
  if (output.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const platform::NodeSize& size : platform::SizeCatalog()) {
      list.push_back({{"name", std::string(size.name)},
                      {"family", std::string(size.family)},
                      {"tee", std::string(size.tee)},
                      {"vcpus", size.vcpus},
                      {"memory_gib", size.memory_gib},
                      {"epc_mib", size.epc_mib},
                      {"temp_disk_gib", size.temp_disk_gib}});
    }
    PrintJson(output, list);
    return OkStatus();
  }
  output.out << "size            family    tee      vCPU  memory GiB  EPC MiB\n";
  for (const platform::NodeSize& size : platform::SizeCatalog()) {
    char line[128];
    snprintf(line, sizeof(line), "%-15s %-9s %-8s %4u  %10u  %7u\n", std::string(size.name).c_str(),
             std::string(size.family).c_str(), std::string(size.tee).c_str(), size.vcpus,
             size.memory_gib, size.epc_mib);
    output.out << line;
  }
  return OkStatus();
}

}  // namespace

void AddPlatformCommand(CLI::App& app, Commands& commands) {
  CLI::App* group = app.add_subcommand(
      "platform",
      "The sw backend's platform daemon (platformd): node size, root secrets, enclave launch "
      "and measurement");
  auto s = std::make_shared<PlatformSettings>();
  auto add_state_dir = [&](CLI::App* command) {
    command->add_option("--state-dir", s->state_dir,
                        "State directory (default: $CONFIDANT_PLATFORM_DIR, else "
                        "/var/lib/confidant/platform for root, else "
                        "~/.local/state/confidant/platform)");
  };

  CLI::App* init = group->add_subcommand(
      "init", "Create the state directory (mode 0700) with fresh root secrets and the node size");
  add_state_dir(init);
  init->add_option("--size", s->size, "Node size from `confidant platform sizes`")
      ->capture_default_str();
  init->add_option("--uid-base", s->uid_base, "First uid for enclave processes")
      ->capture_default_str();
  init->add_option("--uid-count", s->uid_count, "Number of enclave uids (most enclaves at once)")
      ->capture_default_str();
  commands.SetAction(init, [s](const Output& output) { return Init(*s, output); });

  CLI::App* start = group->add_subcommand(
      "start", "Run platformd in the foreground (as root: the system platform on " +
                   std::string(channel::kSystemSocket) + ", one uid per enclave)");
  add_state_dir(start);
  start->add_option("--socket", s->socket, "API socket (default: see docs/platform.md)");
  start->add_option("--socket-mode", s->socket_mode, "Octal permissions of the socket");
  commands.SetAction(start, [s](const Output& output) { return Start(*s, output); });

  CLI::App* status =
      group->add_subcommand("status", "Show the running platform: size, budgets and enclaves");
  add_state_dir(status);
  status->add_option("--socket", s->socket, "Ask the platformd on this socket");
  commands.SetAction(status, [s](const Output& output) { return Show(*s, output); });

  CLI::App* sizes = group->add_subcommand("sizes", "List the node sizes (Azure's DC/EC families)");
  commands.SetAction(sizes, [](const Output& output) { return Sizes(output); });
}

}  // namespace confidant::cli
