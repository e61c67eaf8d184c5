// Codecs of EDL structs. A plain struct travels member by member (no padding bytes leave a side,
// bools are checked): EncodeValue_/DecodeValue_ and its size kWire_. A deep-copy struct has three
// encodings (docs/edl.md, "Deep copy"):
//   In     every member but the deep ones, then each deep buffer (null flag, elements);
//   Shape  for [out]: the members that size the buffers, then each buffer's null flag (and the
//          shapes of deep elements); the callee allocates zeroed buffers of those sizes;
//   Out    the result: the plain members, then each buffer the caller sent, by the Shapes record.

#include <vector>

#include "edl/codegen_emit.h"

namespace confidant::edl::codegen {
namespace {

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

std::string StructType(const UserType& type) { return "struct " + type.name; }

// The wire size of a member, array members included.
std::string MemberWire(const UserType& type, const MemberPlan& member) {
  if (member.decl->dimensions.empty()) return WireSize(member.value);
  std::string whole = "sizeof(" + type.name + "::" + member.decl->name + ")";
  if (member.value.kind == ValueKind::kRaw || member.value.kind == ValueKind::kPointer) {
    return whole;
  }
  return "(" + whole + " / sizeof(" + member.value.type + ")) * " + WireSize(member.value);
}

std::string SumOf(const std::vector<std::string>& terms) {
  if (terms.empty()) return "0";
  std::string sum;
  for (const std::string& term : terms) sum += (sum.empty() ? "" : " + ") + term;
  return sum;
}

// Loops over the elements of an array member, innermost element named by the return value.
std::string OpenArrayLoops(const MemberPlan& member, const std::string& expression, bool mutate,
                           CodeWriter* out) {
  std::string current = expression;
  for (size_t i = 0; i < member.decl->dimensions.size(); ++i) {
    std::string name = "e" + std::to_string(i);
    out->Open(std::string("for (") + (mutate ? "auto& " : "const auto& ") + name + " : " + current +
              ") {");
    current = name;
  }
  return current;
}

void CloseArrayLoops(const MemberPlan& member, CodeWriter* out) {
  for (size_t i = 0; i < member.decl->dimensions.size(); ++i) out->Close();
}

void EncodeMember(const MemberPlan& member, CodeWriter* out) {
  std::string expression = "v." + member.decl->name;
  bool whole = member.value.kind == ValueKind::kRaw || member.value.kind == ValueKind::kPointer;
  if (member.decl->dimensions.empty()) {
    out->Line(EncodeValueLine(member.value, "w", expression));
  } else if (whole) {
    out->Line("w.Raw(&" + expression + ", sizeof(" + expression + "));");
  } else {
    std::string element = OpenArrayLoops(member, expression, false, out);
    out->Line(EncodeValueLine(member.value, "w", element));
    CloseArrayLoops(member, out);
  }
}

void DecodeMember(const MemberPlan& member, CodeWriter* out) {
  std::string expression = "v->" + member.decl->name;
  std::string name = Quoted(member.decl->name);
  bool whole = member.value.kind == ValueKind::kRaw || member.value.kind == ValueKind::kPointer;
  if (member.decl->dimensions.empty()) {
    out->Line(DecodeValueLine(member.value, "r", "where", name, expression));
  } else if (whole) {
    out->Line("r.Raw(&" + expression + ", sizeof(" + expression + "), where, " + name + ");");
  } else {
    std::string element = OpenArrayLoops(member, expression, true, out);
    out->Line(DecodeValueLine(member.value, "r", "where", name, element));
    CloseArrayLoops(member, out);
  }
}

// The extent of a deep member's buffer, computed by `codec` from the struct `object` ("v." or
// "v->").
std::string MemberExtent(const MemberPlan& member, const std::string& codec,
                         const std::string& object) {
  const BufferPlan& b = member.buffer;
  std::string operand = b.extent_is_name ? object + b.extent : b.extent;
  std::string size = std::string(kE8) + "SizeOf<" + b.element + ">()";
  std::string name = Quoted(member.decl->name);
  if (b.extent_kind == ExtentKind::kSize) {
    bool whole = b.kind == ElementKind::kStruct || b.kind == ElementKind::kDeep;
    return codec + ".SizeExtent(where, " + name + ", " + operand + ", " + size + ", " +
           (whole ? "true" : "false") + ")";
  }
  return codec + ".CountExtent(where, " + name + ", " + operand + ", " + size + ")";
}

std::string Align(const BufferPlan& b) { return std::string(kE8) + "AlignOf<" + b.element + ">()"; }

// Declares the codec functions and constants of one struct.
void DeclareCodecs(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  std::string t = StructType(type);
  std::string w = std::string(kE8) + "Writer& w";
  std::string r = std::string(kE8) + "Reader& r";
  std::string shapes = std::string(kE8) + "Shapes& shapes";
  std::string arena = std::string(kE8) + "Arena& arena";
  std::string where = "std::string_view where";
  const char* unused = "[[maybe_unused]] ";
  if (!s.deep) {
    out->Line(unused + std::string("void ") + CodecName("EncodeValue_", type) + "(" + w +
              ", const " + t + "& v);");
    out->Line(unused + std::string("void ") + CodecName("DecodeValue_", type) + "(" + r + ", " +
              where + ", " + t + "* v);");
    return;
  }
  out->Line(unused + std::string("void ") + CodecName("EncodeIn_", type) + "(" + w + ", " + shapes +
            ", " + where + ", const " + t + "& v, bool out);");
  out->Line(unused + std::string("void ") + CodecName("DecodeIn_", type) + "(" + r + ", " + arena +
            ", " + shapes + ", " + where + ", " + t + "* v, bool out);");
  out->Line(unused + std::string("void ") + CodecName("EncodeShape_", type) + "(" + w + ", " +
            shapes + ", " + where + ", const " + t + "& v);");
  out->Line(unused + std::string("void ") + CodecName("DecodeShape_", type) + "(" + r + ", " +
            arena + ", " + shapes + ", " + where + ", " + t + "* v);");
  out->Line(unused + std::string("void ") + CodecName("EncodeOut_", type) + "(" + w + ", " +
            shapes + ", const " + t + "& v);");
  out->Line(unused + std::string("void ") + CodecName("DecodeOut_", type) + "(" + r + ", " +
            shapes + ", " + where + ", " + t + "* v);");
}

// The constants of one struct: wire sizes of the encodings.
void DefineConstants(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  std::vector<std::string> all, shape, result;
  size_t deep = 0;
  size_t deep_out = 0;
  for (const MemberPlan& m : s.members) {
    if (m.role == MemberRole::kDeep) {
      ++deep;
      if (m.buffer.out) ++deep_out;
      continue;
    }
    std::string wire = MemberWire(type, m);
    all.push_back(wire);
    (m.role == MemberRole::kShape ? shape : result).push_back(wire);
  }
  const char* head = "[[maybe_unused]] constexpr uint64_t ";
  if (!s.deep) {
    out->Line(head + CodecName("kWire_", type) + " = " + SumOf(all) + ";");
    return;
  }
  if (deep > 0) all.push_back(std::to_string(deep));
  if (deep_out > 0) shape.push_back(std::to_string(deep_out));
  out->Line(head + CodecName("kMinWireIn_", type) + " = " + SumOf(all) + ";");
  out->Line(head + CodecName("kMinWireShape_", type) + " = " + SumOf(shape) + ";");
  out->Line(head + CodecName("kWireResult_", type) + " = " + SumOf(result) + ";");
}

void DefineValueCodec(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  std::string t = StructType(type);
  out->Open("void " + CodecName("EncodeValue_", type) + "(" + kE8 + "Writer& w, const " + t +
            "& v) {");
  if (s.members.empty()) out->Line("(void)w;");
  for (const MemberPlan& m : s.members) EncodeMember(m, out);
  if (s.members.empty()) out->Line("(void)v;");
  out->Close();
  out->Open("void " + CodecName("DecodeValue_", type) + "(" + kE8 +
            "Reader& r, std::string_view where, " + t + "* v) {");
  if (s.members.empty()) out->Line("(void)r;");
  if (s.members.empty()) out->Line("(void)where;");
  if (s.members.empty()) out->Line("(void)v;");
  for (const MemberPlan& m : s.members) DecodeMember(m, out);
  out->Close();
}

// The elements of a deep member's buffer, one by one: `call` gets the element expression.
void ForEachElement(const std::string& count, const std::string& element_pointer,
                    const std::string& call_head, const std::string& call_tail, CodeWriter* out) {
  out->Open("for (uint64_t i = 0; i < " + count + "; ++i) {");
  out->Line(call_head + element_pointer + "[i]" + call_tail);
  out->Close();
}

void DefineEncodeIn(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("EncodeIn_", type) + "(" + kE8 + "Writer& w, " + kE8 +
            "Shapes& shapes, std::string_view where, const " + StructType(type) +
            "& v, bool out) {");
  out->Line("if (out) w.ExpectOutput(where, {}, " + CodecName("kWireResult_", type) + ");");
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep) EncodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep) continue;
    const BufferPlan& b = m.buffer;
    std::string field = "v." + m.decl->name;
    std::string name = Quoted(m.decl->name);
    out->Open("if (w.Presence(" + field + ")) {");
    out->Line("const " + std::string(kE8) + "Extent e = " + MemberExtent(m, "w", "v.") + ";");
    if (b.out) out->Line("if (out) shapes.Add(" + field + ", e);");
    switch (b.kind) {
      case ElementKind::kRaw:
      case ElementKind::kBool:
        out->Line("w.Raw(" + field + ", e.bytes);");
        if (b.out) out->Line("if (out) w.ExpectOutput(where, " + name + ", e.bytes);");
        break;
      case ElementKind::kStruct:
        out->Line("w.ReserveElements(where, " + name + ", e, " + CodecName("kWire_", *b.user) +
                  ");");
        ForEachElement("e.elements", field, CodecName("EncodeValue_", *b.user) + "(w, ", ");", out);
        if (b.out) {
          out->Line("if (out) w.ExpectOutputElements(where, " + name + ", e.elements, " +
                    CodecName("kWire_", *b.user) + ");");
        }
        break;
      case ElementKind::kDeep:
        out->Line("w.ReserveElements(where, " + name + ", e, " + CodecName("kMinWireIn_", *b.user) +
                  ");");
        ForEachElement("e.elements", field, CodecName("EncodeIn_", *b.user) + "(w, shapes, where, ",
                       std::string(", ") + (b.out ? "out" : "false") + ");", out);
        break;
    }
    if (b.out) {
      out->Reopen("} else if (out) {");
      out->Line("shapes.Add(nullptr, {});");
    }
    out->Close();
  }
  out->Line("(void)shapes;");
  out->Line("(void)where;");
  out->Close();
}

void DefineDecodeIn(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("DecodeIn_", type) + "(" + kE8 + "Reader& r, " + kE8 +
            "Arena& arena, " + kE8 + "Shapes& shapes, std::string_view where, " + StructType(type) +
            "* v, bool out) {");
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep) DecodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep) continue;
    const BufferPlan& b = m.buffer;
    std::string field = "v->" + m.decl->name;
    std::string name = Quoted(m.decl->name);
    std::string cast = "static_cast<" + b.element + "*>(";
    out->Line(field + " = nullptr;");
    out->Open("if (r.Presence(where, " + name + ")) {");
    out->Line("const " + std::string(kE8) + "Extent e = " + MemberExtent(m, "r", "v->") + ";");
    switch (b.kind) {
      case ElementKind::kRaw:
      case ElementKind::kBool:
        out->Line(b.element + "* data = " + cast + "r.In(arena, where, " + name + ", e.bytes, " +
                  Align(b) + "));");
        if (b.kind == ElementKind::kBool) {
          out->Line("r.CheckBools(data, e.elements, where, " + name + ");");
        }
        if (b.out) out->Line("if (out) shapes.Add(data, e);");
        break;
      case ElementKind::kStruct:
        out->Line(b.element + "* data = " + cast + "r.Elements(arena, where, " + name + ", e, " +
                  CodecName("kWire_", *b.user) + ", " + Align(b) + "));");
        if (b.out) out->Line("if (out) shapes.Add(data, e);");
        out->Open("if (data != nullptr) {");
        ForEachElement("e.elements", "&data", CodecName("DecodeValue_", *b.user) + "(r, where, ",
                       ");", out);
        out->Close();
        break;
      case ElementKind::kDeep:
        out->Line(b.element + "* data = " + cast + "r.Elements(arena, where, " + name + ", e, " +
                  CodecName("kMinWireIn_", *b.user) + ", " + Align(b) + "));");
        if (b.out) out->Line("if (out) shapes.Add(data, e);");
        out->Open("if (data != nullptr) {");
        ForEachElement("e.elements", "&data",
                       CodecName("DecodeIn_", *b.user) + "(r, arena, shapes, where, ",
                       std::string(", ") + (b.out ? "out" : "false") + ");", out);
        out->Close();
        break;
    }
    out->Line(field + " = data;");
    if (b.out) {
      out->Reopen("} else if (out) {");
      out->Line("shapes.Add(nullptr, {});");
    }
    out->Close();
  }
  out->Line("(void)arena;");
  out->Line("(void)shapes;");
  out->Line("(void)where;");
  out->Line("(void)out;");
  out->Close();
}

void DefineEncodeShape(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("EncodeShape_", type) + "(" + kE8 + "Writer& w, " + kE8 +
            "Shapes& shapes, std::string_view where, const " + StructType(type) + "& v) {");
  out->Line("w.ExpectOutput(where, {}, " + CodecName("kWireResult_", type) + ");");
  for (const MemberPlan& m : s.members) {
    if (m.role == MemberRole::kShape) EncodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep || !m.buffer.out) continue;
    const BufferPlan& b = m.buffer;
    std::string field = "v." + m.decl->name;
    std::string name = Quoted(m.decl->name);
    out->Open("if (w.Presence(" + field + ")) {");
    out->Line("const " + std::string(kE8) + "Extent e = " + MemberExtent(m, "w", "v.") + ";");
    out->Line("shapes.Add(" + field + ", e);");
    switch (b.kind) {
      case ElementKind::kRaw:
      case ElementKind::kBool:
        out->Line("w.ReserveOut(where, " + name + ", e.bytes);");
        out->Line("w.ExpectOutput(where, " + name + ", e.bytes);");
        break;
      case ElementKind::kStruct:
        out->Line("w.ReserveOut(where, " + name + ", e.bytes);");
        out->Line("w.ExpectOutputElements(where, " + name + ", e.elements, " +
                  CodecName("kWire_", *b.user) + ");");
        break;
      case ElementKind::kDeep:
        out->Line("w.ReserveElements(where, " + name + ", e, " +
                  CodecName("kMinWireShape_", *b.user) + ");");
        ForEachElement("e.elements", field,
                       CodecName("EncodeShape_", *b.user) + "(w, shapes, where, ", ");", out);
        break;
    }
    out->Reopen("} else {");
    out->Line("shapes.Add(nullptr, {});");
    out->Close();
  }
  out->Line("(void)shapes;");
  out->Line("(void)where;");
  out->Close();
}

void DefineDecodeShape(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("DecodeShape_", type) + "(" + kE8 + "Reader& r, " + kE8 +
            "Arena& arena, " + kE8 + "Shapes& shapes, std::string_view where, " + StructType(type) +
            "* v) {");
  for (const MemberPlan& m : s.members) {
    if (m.role == MemberRole::kShape) DecodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep) continue;
    const BufferPlan& b = m.buffer;
    std::string field = "v->" + m.decl->name;
    std::string name = Quoted(m.decl->name);
    std::string cast = "static_cast<" + b.element + "*>(";
    out->Line(field + " = nullptr;");
    if (!b.out) continue;
    out->Open("if (r.Presence(where, " + name + ")) {");
    out->Line("const " + std::string(kE8) + "Extent e = " + MemberExtent(m, "r", "v->") + ";");
    if (b.kind == ElementKind::kDeep) {
      out->Line(b.element + "* data = " + cast + "r.Elements(arena, where, " + name + ", e, " +
                CodecName("kMinWireShape_", *b.user) + ", " + Align(b) + "));");
      out->Line("shapes.Add(data, e);");
      out->Open("if (data != nullptr) {");
      ForEachElement("e.elements", "&data",
                     CodecName("DecodeShape_", *b.user) + "(r, arena, shapes, where, ", ");", out);
      out->Close();
    } else {
      out->Line(b.element + "* data = " + cast + "r.Out(arena, where, " + name + ", e.bytes, " +
                Align(b) + "));");
      out->Line("shapes.Add(data, e);");
    }
    out->Line(field + " = data;");
    out->Reopen("} else {");
    out->Line("shapes.Add(nullptr, {});");
    out->Close();
  }
  out->Line("(void)r;");
  out->Line("(void)arena;");
  out->Line("(void)shapes;");
  out->Line("(void)where;");
  out->Close();
}

void DefineEncodeOut(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("EncodeOut_", type) + "(" + kE8 + "Writer& w, " + kE8 +
            "Shapes& shapes, const " + StructType(type) + "& v) {");
  for (const MemberPlan& m : s.members) {
    if (m.role == MemberRole::kPlain) EncodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep || !m.buffer.out) continue;
    const BufferPlan& b = m.buffer;
    std::string data = "static_cast<const " + b.element + "*>(s.data)";
    out->Open("{");
    out->Line("const " + std::string(kE8) + "Shape s = shapes.Next();");
    out->Open("if (s.data != nullptr) {");
    switch (b.kind) {
      case ElementKind::kRaw:
      case ElementKind::kBool:
        out->Line("w.Raw(s.data, s.extent.bytes);");
        break;
      case ElementKind::kStruct:
        ForEachElement("s.extent.elements", data, CodecName("EncodeValue_", *b.user) + "(w, ", ");",
                       out);
        break;
      case ElementKind::kDeep:
        ForEachElement("s.extent.elements", data, CodecName("EncodeOut_", *b.user) + "(w, shapes, ",
                       ");", out);
        break;
    }
    out->Close();
    out->Close();
  }
  out->Line("(void)w;");
  out->Line("(void)shapes;");
  out->Line("(void)v;");
  out->Close();
}

void DefineDecodeOut(const StructPlan& s, CodeWriter* out) {
  const UserType& type = *s.type;
  out->Open("void " + CodecName("DecodeOut_", type) + "(" + kE8 + "Reader& r, " + kE8 +
            "Shapes& shapes, std::string_view where, " + StructType(type) + "* v) {");
  for (const MemberPlan& m : s.members) {
    if (m.role == MemberRole::kPlain) DecodeMember(m, out);
  }
  for (const MemberPlan& m : s.members) {
    if (m.role != MemberRole::kDeep || !m.buffer.out) continue;
    const BufferPlan& b = m.buffer;
    std::string name = Quoted(m.decl->name);
    std::string data = "static_cast<" + b.element + "*>(s.data)";
    out->Open("{");
    out->Line("const " + std::string(kE8) + "Shape s = shapes.Next();");
    out->Open("if (s.data != nullptr) {");
    switch (b.kind) {
      case ElementKind::kRaw:
        out->Line("r.Raw(s.data, s.extent.bytes, where, " + name + ");");
        break;
      case ElementKind::kBool:
        out->Line("r.BoolsInto(static_cast<bool*>(s.data), s.extent.elements, where, " + name +
                  ");");
        break;
      case ElementKind::kStruct:
        ForEachElement("s.extent.elements", "&" + data,
                       CodecName("DecodeValue_", *b.user) + "(r, where, ", ");", out);
        break;
      case ElementKind::kDeep:
        ForEachElement("s.extent.elements", "&" + data,
                       CodecName("DecodeOut_", *b.user) + "(r, shapes, where, ", ");", out);
        break;
    }
    out->Close();
    out->Close();
  }
  out->Line("(void)r;");
  out->Line("(void)shapes;");
  out->Line("(void)where;");
  out->Line("(void)v;");
  out->Close();
}

}  // namespace

std::string CodecName(const char* prefix, const UserType& type) { return prefix + type.name; }

std::string WireSize(const ValuePlan& value) {
  switch (value.kind) {
    case ValueKind::kRaw:
      return "sizeof(" + value.type + ")";
    case ValueKind::kBool:
      return "1";
    case ValueKind::kPointer:
      return "8";
    case ValueKind::kStruct:
      return CodecName("kWire_", *value.user);
  }
  return "0";
}

std::string EncodeValueLine(const ValuePlan& value, const std::string& writer,
                            const std::string& expression) {
  switch (value.kind) {
    case ValueKind::kRaw:
      return writer + ".Value(" + expression + ");";
    case ValueKind::kBool:
      return writer + ".Bool(" + expression + ");";
    case ValueKind::kPointer:
      return writer + ".Pointer(" + expression + ");";
    case ValueKind::kStruct:
      return CodecName("EncodeValue_", *value.user) + "(" + writer + ", " + expression + ");";
  }
  return "";
}

std::string DecodeValueLine(const ValuePlan& value, const std::string& reader,
                            const std::string& where, const std::string& member,
                            const std::string& expression) {
  switch (value.kind) {
    case ValueKind::kRaw:
      return reader + ".Value(&" + expression + ", " + where + ", " + member + ");";
    case ValueKind::kBool:
      return reader + ".Bool(&" + expression + ", " + where + ", " + member + ");";
    case ValueKind::kPointer:
      return reader + ".Pointer(&" + expression + ", " + where + ", " + member + ");";
    case ValueKind::kStruct:
      return CodecName("DecodeValue_", *value.user) + "(" + reader + ", " + where + ", &" +
             expression + ");";
  }
  return "";
}

void EmitStructCodecs(const Plan& plan, CodeWriter* out) {
  if (plan.structs.empty()) return;
  out->Line("// Wire sizes and codecs of the EDL's structs.");
  for (const StructPlan& s : plan.structs) DefineConstants(s, out);
  for (const StructPlan& s : plan.structs) DeclareCodecs(s, out);
  for (const StructPlan& s : plan.structs) {
    out->Line("");
    if (!s.deep) {
      DefineValueCodec(s, out);
      continue;
    }
    DefineEncodeIn(s, out);
    DefineDecodeIn(s, out);
    DefineEncodeShape(s, out);
    DefineDecodeShape(s, out);
    DefineEncodeOut(s, out);
    DefineDecodeOut(s, out);
  }
}

}  // namespace confidant::edl::codegen
