// Debug/reattach mode: the text a person copies to point Terraform at a
// provider they started by hand (reference §12). Worded as terraform-plugin-go's
// debug server prints it, so provider developers recognise it.
#pragma once

#include <string>
#include <string_view>

namespace transport {

// The TF_REATTACH_PROVIDERS value: {"<address>":{"Protocol":"grpc",
// "ProtocolVersion":N,"Pid":N,"Test":true,"Addr":{"Network":"tcp","String":"<tcp_address>"}}}.
// Test:true tells Terraform never to shut the process down (it outlives each run).
std::string FormatReattachJson(std::string_view provider_address, int protocol_version, long pid,
                               std::string_view tcp_address);

// "Provider started. To attach ..." followed by the TF_REATTACH_PROVIDERS='<json>' line.
std::string FormatReattachInstructions(std::string_view provider_address, int protocol_version, long pid,
                                       std::string_view tcp_address);

}  // namespace transport
