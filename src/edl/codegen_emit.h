// The pieces of generated C++ (docs/edl.md): struct codecs, proxies and bridges, written from a
// plan (codegen_plan.h) by codegen.cc into the generated files.
//
// Generated code names everything of Confidant with a leading `::` and its own locals with an
// `_e8_` prefix, so no EDL name can capture them.

#ifndef CONFIDANT_EDL_CODEGEN_EMIT_H_
#define CONFIDANT_EDL_CODEGEN_EMIT_H_

#include <string>
#include <string_view>

#include "edl/codegen_plan.h"

namespace confidant::edl::codegen {

inline constexpr const char kE8[] = "::confidant::edger8r::";

// Lines of C++ with two-space indentation.
class CodeWriter {
 public:
  // One line at the current indentation; an empty `text` gives an empty line.
  void Line(std::string_view text);
  // A line ending a block opener ("if (x) {"), then one level deeper.
  void Open(std::string_view text);
  // One level up, then the closing line.
  void Close(std::string_view text = "}");
  // A line that closes a block and opens the next ("} else {").
  void Reopen(std::string_view text);
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
  int depth_ = 0;
};

// Declarations of every struct codec, then their definitions, for an anonymous namespace.
void EmitStructCodecs(const Plan& plan, CodeWriter* out);

// The caller's side of a call: the ecall proxy (host) or the ocall proxy (enclave).
void EmitProxy(const FunctionPlan& function, CodeWriter* out);
// The callee's side: the handler in the ecall (enclave) or ocall (host) table, `name`.
void EmitBridge(const FunctionPlan& function, const std::string& name, CodeWriter* out);

// "confidant::Status f(confidant::Enclave* enclave, int* _retval, int x)" (no `::` prefix: for
// headers and definitions alike).
std::string ProxyPrototype(const FunctionPlan& function);
// "int f(int x)": the implementation's prototype, as in the EDL.
std::string ImplementationPrototype(const FunctionPlan& function);

// Encoding of single values, shared by struct codecs and calls. `where` and `member` are C++
// expressions of the error context.
std::string EncodeValueLine(const ValuePlan& value, const std::string& writer,
                            const std::string& expression);
std::string DecodeValueLine(const ValuePlan& value, const std::string& reader,
                            const std::string& where, const std::string& member,
                            const std::string& expression);
// The bytes one value takes in a message, as a C++ constant expression.
std::string WireSize(const ValuePlan& value);

// Names of the generated codec functions and constants of an EDL struct.
std::string CodecName(const char* prefix, const UserType& type);

}  // namespace confidant::edl::codegen

#endif  // CONFIDANT_EDL_CODEGEN_EMIT_H_
