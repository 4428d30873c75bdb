// Translation of provider-core diagnostics into tfplugin5/tfplugin6
// Diagnostic messages. The two protocol versions generate distinct C++ types
// with identical fields, so this is a template over the message type.
#pragma once

#include <type_traits>
#include <variant>

#include <google/protobuf/repeated_ptr_field.h>

#include "provider/diagnostics.h"

namespace protocol {

// Fills a proto AttributePath from a core path, one step per element.
template <class ProtoPath>
void FillAttributePath(const provider::AttributePath& path, ProtoPath* out) {
  for (const auto& step : path) {
    auto* proto_step = out->add_steps();
    std::visit(
        [proto_step](const auto& s) {
          using Step = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<Step, provider::AttributeName>) {
            proto_step->set_attribute_name(s.name);
          } else if constexpr (std::is_same_v<Step, provider::ElementKeyString>) {
            proto_step->set_element_key_string(s.key);
          } else {
            proto_step->set_element_key_int(s.index);
          }
        },
        step);
  }
}

// Fills one proto Diagnostic. Severity is always ERROR or WARNING: Terraform
// treats INVALID as neither and would let the run continue past an error.
template <class ProtoDiagnostic>
void FillDiagnostic(const provider::Diagnostic& diagnostic, ProtoDiagnostic* out) {
  out->set_severity(diagnostic.severity == provider::Diagnostic::Severity::Warning
                        ? ProtoDiagnostic::WARNING
                        : ProtoDiagnostic::ERROR);
  out->set_summary(diagnostic.summary);
  out->set_detail(diagnostic.detail);
  // Without a path Terraform points at the whole block, which is what an
  // empty core path means; an empty proto path would mean the same but
  // costs bytes.
  if (!diagnostic.attribute.empty()) FillAttributePath(diagnostic.attribute, out->mutable_attribute());
}

template <class ProtoDiagnostic>
void AppendDiagnostics(const provider::Diagnostics& diagnostics,
                       google::protobuf::RepeatedPtrField<ProtoDiagnostic>* out) {
  for (const auto& diagnostic : diagnostics) FillDiagnostic(diagnostic, out->Add());
}

template <class ProtoDiagnostic>
void AppendDiagnostic(const provider::Diagnostic& diagnostic,
                      google::protobuf::RepeatedPtrField<ProtoDiagnostic>* out) {
  FillDiagnostic(diagnostic, out->Add());
}

}  // namespace protocol
