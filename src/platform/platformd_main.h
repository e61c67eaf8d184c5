// The command line of confidant-platformd:
//   confidant-platformd [--state-dir=DIR] [--socket=PATH] [--embedded] [--idle-exit=SECONDS]
// Returns the process exit status.

#ifndef CONFIDANT_PLATFORM_PLATFORMD_MAIN_H_
#define CONFIDANT_PLATFORM_PLATFORMD_MAIN_H_

namespace confidant::platform {

int PlatformdMain(int argc, char** argv);

}  // namespace confidant::platform

#endif  // CONFIDANT_PLATFORM_PLATFORMD_MAIN_H_
