// Proxies (the caller's side) and bridges (the callee's side) of one function. The input message
// is every by-value and [user_check] parameter in order, then every string and buffer parameter
// in order (null flag, then its contents if it goes in); the output is the return value, errno
// (propagate_errno), then every string and buffer that comes out, in order (docs/edl.md).

#include <vector>

#include "edl/codegen_emit.h"

namespace confidant::edl::codegen {
namespace {

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

std::string Where(const ParamPlan& p) { return Quoted("parameter " + p.decl->name); }

std::string ExtentName(const ParamPlan& p) { return "_e8_extent_" + p.decl->name; }

bool IsPointerParam(const ParamPlan& p) {
  return p.kind == ParamKind::kString || p.kind == ParamKind::kBuffer;
}

// The extent of a buffer parameter, computed by `codec` ("_e8_w" or "_e8_r").
std::string BufferExtent(const ParamPlan& p, const std::string& codec) {
  const BufferPlan& b = p.buffer;
  std::string size = std::string(kE8) + "SizeOf<" + b.element + ">()";
  switch (b.extent_kind) {
    case ExtentKind::kArray:
      return std::string(kE8) + "Extent{" + b.extent + " / " + size + ", " + b.extent + "}";
    case ExtentKind::kSize: {
      bool whole = b.kind == ElementKind::kStruct || b.kind == ElementKind::kDeep;
      return codec + ".SizeExtent(" + Where(p) + ", {}, " + b.extent + ", " + size + ", " +
             (whole ? "true" : "false") + ")";
    }
    case ExtentKind::kCount:
      break;
  }
  return codec + ".CountExtent(" + Where(p) + ", {}, " + b.extent + ", " + size + ")";
}

// The parameter's elements as an array of the element type.
std::string Elements(const ParamPlan& p, bool constant) {
  if (!p.flat) return p.decl->name;
  return "reinterpret_cast<" + std::string(constant ? "const " : "") + p.buffer.element + "*>(" +
         p.decl->name + ")";
}

void Loop(const std::string& count, const std::string& body, CodeWriter* out) {
  out->Open("for (uint64_t _e8_i = 0; _e8_i < " + count + "; ++_e8_i) {");
  out->Line(body);
  out->Close();
}

std::string ParamList(const FunctionPlan& f, bool proxy) {
  std::vector<std::string> params;
  if (proxy && f.ecall) params.push_back("confidant::Enclave* enclave");
  if (proxy && f.result.has_value()) params.push_back(f.result->type + "* _retval");
  for (const ParamPlan& p : f.params) params.push_back(DeclarationText(*p.decl));
  std::string text;
  for (const std::string& p : params) text += (text.empty() ? "" : ", ") + p;
  return "(" + text + ")";
}

// --- the caller's side ---

void EncodeCallerBuffer(const ParamPlan& p, CodeWriter* out) {
  const BufferPlan& b = p.buffer;
  std::string extent = ExtentName(p);
  std::string where = Where(p);
  std::string elements = Elements(p, true);
  const UserType* user = b.user;
  if (b.in) {
    switch (b.kind) {
      case ElementKind::kRaw:
      case ElementKind::kBool:
        out->Line("_e8_w.Raw(" + p.decl->name + ", " + extent + ".bytes);");
        break;
      case ElementKind::kStruct:
        out->Line("_e8_w.ReserveElements(" + where + ", {}, " + extent + ", " +
                  CodecName("kWire_", *user) + ");");
        Loop(extent + ".elements",
             CodecName("EncodeValue_", *user) + "(_e8_w, " + elements + "[_e8_i]);", out);
        break;
      case ElementKind::kDeep:
        out->Line("_e8_w.ReserveElements(" + where + ", {}, " + extent + ", " +
                  CodecName("kMinWireIn_", *user) + ");");
        Loop(extent + ".elements",
             CodecName("EncodeIn_", *user) + "(_e8_w, _e8_shapes, " + where + ", " + elements +
                 "[_e8_i], " + (b.out ? "true" : "false") + ");",
             out);
        break;
    }
  }
  if (!b.out) return;
  if (!b.in && b.kind != ElementKind::kDeep) {
    out->Line("_e8_w.ReserveOut(" + where + ", {}, " + extent + ".bytes);");
  }
  switch (b.kind) {
    case ElementKind::kRaw:
    case ElementKind::kBool:
      out->Line("_e8_w.ExpectOutput(" + where + ", {}, " + extent + ".bytes);");
      break;
    case ElementKind::kStruct:
      out->Line("_e8_w.ExpectOutputElements(" + where + ", {}, " + extent + ".elements, " +
                CodecName("kWire_", *user) + ");");
      break;
    case ElementKind::kDeep:
      if (b.in) break;  // EncodeIn_ counted the results
      out->Line("_e8_w.ReserveElements(" + where + ", {}, " + extent + ", " +
                CodecName("kMinWireShape_", *user) + ");");
      Loop(extent + ".elements",
           CodecName("EncodeShape_", *user) + "(_e8_w, _e8_shapes, " + where + ", " + elements +
               "[_e8_i]);",
           out);
      break;
  }
}

void EncodeCallerPointer(const ParamPlan& p, CodeWriter* out) {
  const std::string& name = p.decl->name;
  std::string extent = ExtentName(p);
  if (p.out) out->Line(std::string("[[maybe_unused]] ") + kE8 + "Extent " + extent + "{};");
  out->Open("if (_e8_w.Presence(" + name + ")) {");
  std::string declare = p.out ? extent : "const " + std::string(kE8) + "Extent " + extent;
  if (p.kind == ParamKind::kString) {
    if (p.out) {
      out->Line(declare + " = _e8_w.String(" + name + ");");
      out->Line("_e8_w.ExpectOutput(" + Where(p) + ", {}, " + extent + ".bytes);");
    } else {
      out->Line("_e8_w.String(" + name + ");");
    }
  } else {
    out->Line(declare + " = " + BufferExtent(p, "_e8_w") + ";");
    EncodeCallerBuffer(p, out);
  }
  out->Close();
}

void DecodeCallerOutput(const ParamPlan& p, CodeWriter* out) {
  const std::string& name = p.decl->name;
  std::string extent = ExtentName(p);
  std::string where = Where(p);
  out->Open("if (" + name + " != nullptr) {");
  if (p.kind == ParamKind::kString) {
    out->Line("_e8_r.StringInto(" + name + ", " + extent + ", " + where + ");");
    out->Close();
    return;
  }
  const BufferPlan& b = p.buffer;
  switch (b.kind) {
    case ElementKind::kRaw:
      out->Line("_e8_r.Raw(" + name + ", " + extent + ".bytes, " + where + ");");
      break;
    case ElementKind::kBool:
      out->Line("_e8_r.BoolsInto(" + Elements(p, false) + ", " + extent + ".elements, " + where +
                ");");
      break;
    case ElementKind::kStruct:
      Loop(extent + ".elements",
           CodecName("DecodeValue_", *b.user) + "(_e8_r, " + where + ", &" + Elements(p, false) +
               "[_e8_i]);",
           out);
      break;
    case ElementKind::kDeep:
      Loop(extent + ".elements",
           CodecName("DecodeOut_", *b.user) + "(_e8_r, _e8_shapes, " + where + ", &" +
               Elements(p, false) + "[_e8_i]);",
           out);
      break;
  }
  out->Close();
}

// --- the callee's side ---

void DecodeCalleeBuffer(const ParamPlan& p, CodeWriter* out) {
  const BufferPlan& b = p.buffer;
  const std::string& name = p.decl->name;
  std::string extent = ExtentName(p);
  std::string where = Where(p);
  std::string cast = "static_cast<" + p.local_type + ">(";
  std::string align = std::string(kE8) + "AlignOf<" + b.element + ">()";
  const UserType* user = b.user;
  bool in = b.in;
  switch (b.kind) {
    case ElementKind::kRaw:
    case ElementKind::kBool:
      out->Line(name + " = " + cast + "_e8_r." + (in ? "In" : "Out") + "(_e8_arena, " + where +
                ", {}, " + extent + ".bytes, " + align + "));");
      if (in && b.kind == ElementKind::kBool) {
        out->Line("_e8_r.CheckBools(" + name + ", " + extent + ".elements, " + where + ");");
      }
      return;
    case ElementKind::kStruct:
      if (!in) {
        out->Line(name + " = " + cast + "_e8_r.Out(_e8_arena, " + where + ", {}, " + extent +
                  ".bytes, " + align + "));");
        return;
      }
      out->Line(name + " = " + cast + "_e8_r.Elements(_e8_arena, " + where + ", {}, " + extent +
                ", " + CodecName("kWire_", *user) + ", " + align + "));");
      out->Open("if (" + name + " != nullptr) {");
      Loop(extent + ".elements",
           CodecName("DecodeValue_", *user) + "(_e8_r, " + where + ", &" + Elements(p, false) +
               "[_e8_i]);",
           out);
      out->Close();
      return;
    case ElementKind::kDeep:
      out->Line(name + " = " + cast + "_e8_r.Elements(_e8_arena, " + where + ", {}, " + extent +
                ", " + CodecName(in ? "kMinWireIn_" : "kMinWireShape_", *user) + ", " + align +
                "));");
      out->Open("if (" + name + " != nullptr) {");
      if (in) {
        Loop(extent + ".elements",
             CodecName("DecodeIn_", *user) + "(_e8_r, _e8_arena, _e8_shapes, " + where + ", &" +
                 Elements(p, false) + "[_e8_i], " + (b.out ? "true" : "false") + ");",
             out);
      } else {
        Loop(extent + ".elements",
             CodecName("DecodeShape_", *user) + "(_e8_r, _e8_arena, _e8_shapes, " + where + ", &" +
                 Elements(p, false) + "[_e8_i]);",
             out);
      }
      out->Close();
      return;
  }
}

void DecodeCalleePointer(const ParamPlan& p, CodeWriter* out) {
  const std::string& name = p.decl->name;
  std::string extent = ExtentName(p);
  out->Line(p.local_type + " " + name + " = nullptr;");
  out->Line(std::string("[[maybe_unused]] ") + kE8 + "Extent " + extent + "{};");
  out->Open("if (_e8_r.Presence(" + Where(p) + ")) {");
  if (p.kind == ParamKind::kString) {
    out->Line(name + " = _e8_r.String<" + p.character + ">(_e8_arena, " + Where(p) + ", {}, &" +
              extent + ");");
  } else {
    out->Line(extent + " = " + BufferExtent(p, "_e8_r") + ";");
    DecodeCalleeBuffer(p, out);
  }
  out->Close();
}

void EncodeCalleeOutput(const ParamPlan& p, CodeWriter* out) {
  const std::string& name = p.decl->name;
  std::string extent = ExtentName(p);
  out->Open("if (" + name + " != nullptr) {");
  ElementKind kind = p.kind == ParamKind::kString ? ElementKind::kRaw : p.buffer.kind;
  switch (kind) {
    case ElementKind::kRaw:
    case ElementKind::kBool:
      out->Line("_e8_w.Raw(" + name + ", " + extent + ".bytes);");
      break;
    case ElementKind::kStruct:
      Loop(
          extent + ".elements",
          CodecName("EncodeValue_", *p.buffer.user) + "(_e8_w, " + Elements(p, false) + "[_e8_i]);",
          out);
      break;
    case ElementKind::kDeep:
      Loop(extent + ".elements",
           CodecName("EncodeOut_", *p.buffer.user) + "(_e8_w, _e8_shapes, " + Elements(p, false) +
               "[_e8_i]);",
           out);
      break;
  }
  out->Close();
}

}  // namespace

std::string ProxyPrototype(const FunctionPlan& f) {
  return "confidant::Status " + f.function->name + ParamList(f, true);
}

std::string ImplementationPrototype(const FunctionPlan& f) {
  return TypeToString(f.function->return_type) + " " + f.function->name + ParamList(f, false);
}

void EmitProxy(const FunctionPlan& f, CodeWriter* out) {
  const Function& function = *f.function;
  std::string call = Quoted(f.call);
  out->Open("::" + ProxyPrototype(f) + " {");
  out->Open("return " + std::string(kE8) + "Guard(" + call + ", [&]() -> ::confidant::Status {");
  out->Line("std::vector<uint8_t> _e8_input;");
  out->Line(std::string(kE8) + "Writer _e8_w(_e8_input, " + call + ");");
  if (f.has_deep) out->Line(std::string(kE8) + "Shapes _e8_shapes;");
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p)) continue;
    const std::string& name = p.decl->name;
    if (p.kind == ParamKind::kUserCheck) {
      out->Line("_e8_w.Pointer(" + name + ");");
    } else {
      out->Line(EncodeValueLine(p.value, "_e8_w", name));
    }
  }
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p)) EncodeCallerPointer(p, out);
  }
  if (f.result.has_value()) {
    out->Line("_e8_w.ExpectOutput(\"return value\", {}, " + WireSize(*f.result) + ");");
  }
  if (function.propagate_errno) out->Line("_e8_w.ExpectOutput(\"errno\", {}, 4);");
  out->Line("if (!_e8_w.ok()) return _e8_w.status();");
  out->Line("std::vector<uint8_t> _e8_output;");
  std::string flags = function.switchless ? "::confidant::abi::kCallSwitchless" : "0";
  std::string id = std::to_string(f.id);
  if (f.ecall) {
    out->Line("::confidant::Status _e8_status = ::confidant::abi::CallEnclave(enclave, " + id +
              ", " + flags + ", _e8_input, _e8_w.expected_output(), _e8_output);");
  } else {
    out->Line("::confidant::Status _e8_status = ::confidant::abi::CallHost(" + id + ", " + flags +
              ", _e8_input, _e8_w.expected_output(), _e8_output);");
  }
  out->Line("if (!_e8_status.ok()) return _e8_status;");
  out->Line(std::string(kE8) + "Reader _e8_r(_e8_output, " + Quoted(f.call + ": output") + ");");
  if (f.result.has_value()) {
    out->Line(f.result->type + " _e8_retval{};");
    out->Line(DecodeValueLine(*f.result, "_e8_r", "\"return value\"", "{}", "_e8_retval"));
  }
  if (function.propagate_errno) {
    out->Line("int32_t _e8_errno = 0;");
    out->Line("_e8_r.Value(&_e8_errno, \"errno\");");
  }
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p) && p.out) DecodeCallerOutput(p, out);
  }
  out->Line("_e8_status = _e8_r.Finish();");
  out->Line("if (!_e8_status.ok()) return _e8_status;");
  if (f.result.has_value()) out->Line("if (_retval != nullptr) *_retval = _e8_retval;");
  if (function.propagate_errno) out->Line("errno = _e8_errno;");
  out->Line("return ::confidant::OkStatus();");
  out->Close("});");
  out->Close();
}

void EmitBridge(const FunctionPlan& f, const std::string& name, CodeWriter* out) {
  const Function& function = *f.function;
  std::string call = Quoted(f.call);
  out->Open("::confidant::Status " + name +
            "(std::span<const uint8_t> _e8_input, std::vector<uint8_t>& _e8_output) {");
  out->Open("return " + std::string(kE8) + "Guard(" + call + ", [&]() -> ::confidant::Status {");
  out->Line(std::string(kE8) + "Reader _e8_r(_e8_input, " + call + ");");
  if (f.has_pointer) out->Line(std::string(kE8) + "Arena _e8_arena;");
  if (f.has_deep) out->Line(std::string(kE8) + "Shapes _e8_shapes;");
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p)) continue;
    const std::string& param = p.decl->name;
    if (p.kind == ParamKind::kUserCheck) {
      out->Line(p.local_type + " " + param + "{};");
      out->Line("_e8_r.Pointer(&" + param + ", " + Where(p) + ");");
    } else {
      out->Line(p.local_type + " " + param + "{};");
      out->Line(DecodeValueLine(p.value, "_e8_r", Where(p), "{}", param));
    }
  }
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p)) DecodeCalleePointer(p, out);
  }
  out->Line("::confidant::Status _e8_status = _e8_r.Finish();");
  out->Line("if (!_e8_status.ok()) return _e8_status;");
  std::string args;
  for (const ParamPlan& p : f.params) args += (args.empty() ? "" : ", ") + p.decl->name;
  if (function.propagate_errno) out->Line("errno = 0;");
  std::string invoke = "::" + function.name + "(" + args + ");";
  if (f.result.has_value()) {
    out->Line("const " + f.result->type + " _e8_retval = " + invoke);
  } else {
    out->Line(invoke);
  }
  if (function.propagate_errno) out->Line("const int32_t _e8_errno = errno;");
  out->Line(std::string(kE8) + "Writer _e8_w(_e8_output, " + call + ");");
  if (f.result.has_value()) out->Line(EncodeValueLine(*f.result, "_e8_w", "_e8_retval"));
  if (function.propagate_errno) out->Line("_e8_w.Value(_e8_errno);");
  for (const ParamPlan& p : f.params) {
    if (IsPointerParam(p) && p.out) EncodeCalleeOutput(p, out);
  }
  out->Line("return _e8_w.status();");
  out->Close("});");
  out->Close();
}

}  // namespace confidant::edl::codegen
