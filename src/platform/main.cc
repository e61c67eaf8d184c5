// confidant-platformd: the platform daemon (platform/server.h). `confidant platform start` runs
// the same server in the foreground; this binary is what the host library starts in embedded
// mode.

#include <cstdio>
#include <string>

#include "common/logging.h"
#include "platform/platformd_main.h"

int main(int argc, char** argv) { return confidant::platform::PlatformdMain(argc, argv); }
