package dev.goodhart.ingest.otlp;

/** OTLP/JSON requests as agents send them, typed after FORMATS.md's examples. */
final class OtlpSamples {
  private OtlpSamples() {}

  /** FORMATS.md §1.4: Claude Code's api_request and a Bash tool_result that committed. */
  static final String CLAUDE_LOGS =
      """
      {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"claude-code"}},
                                                   {"key":"service.version","value":{"stringValue":"2.1.240"}}]},
       "scopeLogs":[{"scope":{"name":"com.anthropic.claude_code"},"logRecords":[
        {"timeUnixNano":"1787650012345000000","body":{"stringValue":"claude_code.api_request"},"attributes":[
          {"key":"event.name","value":{"stringValue":"api_request"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:40:12.345Z"}},
          {"key":"event.sequence","value":{"intValue":"42"}},
          {"key":"session.id","value":{"stringValue":"6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11"}},
          {"key":"prompt.id","value":{"stringValue":"0c6d0a4e-51a3-4c2e-9e8f-1b2c3d4e5f60"}},
          {"key":"user.email","value":{"stringValue":"dev@example.com"}},
          {"key":"organization.id","value":{"stringValue":"dc9f6c26-b22c-4831-8d01-0446bada88f1"}},
          {"key":"model","value":{"stringValue":"claude-sonnet-5"}},
          {"key":"input_tokens","value":{"intValue":"1834"}},
          {"key":"output_tokens","value":{"intValue":"412"}},
          {"key":"cache_read_tokens","value":{"intValue":"51200"}},
          {"key":"cache_creation_tokens","value":{"intValue":"2048"}},
          {"key":"cost_usd","value":{"doubleValue":0.0412}},
          {"key":"cost_usd_micros","value":{"intValue":"41200"}},
          {"key":"duration_ms","value":{"intValue":"6120"}},
          {"key":"request_id","value":{"stringValue":"req_011CXyZ…"}},
          {"key":"query_source","value":{"stringValue":"repl_main_thread"}},
          {"key":"speed","value":{"stringValue":"normal"}}]},
        {"timeUnixNano":"1787650019000000000","body":{"stringValue":"claude_code.tool_result"},"attributes":[
          {"key":"event.name","value":{"stringValue":"tool_result"}},
          {"key":"session.id","value":{"stringValue":"6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11"}},
          {"key":"prompt.id","value":{"stringValue":"0c6d0a4e-51a3-4c2e-9e8f-1b2c3d4e5f60"}},
          {"key":"tool_name","value":{"stringValue":"Bash"}},
          {"key":"tool_use_id","value":{"stringValue":"toolu_01AbC…"}},
          {"key":"success","value":{"stringValue":"true"}},
          {"key":"duration_ms","value":{"intValue":"830"}},
          {"key":"decision_source","value":{"stringValue":"config"}},
          {"key":"tool_parameters","value":{"stringValue":"{\\"bash_command\\":\\"git\\",\\"full_command\\":\\"git commit -m \\\\\\"fix: retry\\\\\\"\\",\\"git_commit_id\\":\\"9f2c1e7b4a5d6c8e0f1a2b3c4d5e6f708192a3b4\\"}"}}]}
       ]}]}]}
      """;

  /** FORMATS.md §1.3: Claude Code's token, cost and commit counters, delta. */
  static final String CLAUDE_METRICS =
      """
      {"resourceMetrics":[{"resource":{"attributes":[
         {"key":"service.name","value":{"stringValue":"claude-code"}},
         {"key":"service.version","value":{"stringValue":"2.1.240"}},
         {"key":"os.type","value":{"stringValue":"darwin"}},
         {"key":"team.id","value":{"stringValue":"platform"}}]},
       "scopeMetrics":[{"scope":{"name":"com.anthropic.claude_code","version":"2.1.240"},
        "metrics":[
         {"name":"claude_code.token.usage","unit":"tokens","sum":{"aggregationTemporality":1,"isMonotonic":true,
           "dataPoints":[{"startTimeUnixNano":"1787650000000000000","timeUnixNano":"1787650060000000000","asDouble":18432,
             "attributes":[{"key":"session.id","value":{"stringValue":"6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11"}},
                           {"key":"organization.id","value":{"stringValue":"dc9f6c26-b22c-4831-8d01-0446bada88f1"}},
                           {"key":"user.account_id","value":{"stringValue":"user_01WCz1FkmYMm4gnmykNKUu3Q"}},
                           {"key":"user.email","value":{"stringValue":"dev@example.com"}},
                           {"key":"terminal.type","value":{"stringValue":"vscode"}},
                           {"key":"type","value":{"stringValue":"cacheRead"}},
                           {"key":"model","value":{"stringValue":"claude-sonnet-5"}},
                           {"key":"query_source","value":{"stringValue":"main"}},
                           {"key":"team.id","value":{"stringValue":"platform"}}]}]}},
         {"name":"claude_code.cost.usage","unit":"USD","sum":{"aggregationTemporality":1,"isMonotonic":true,
           "dataPoints":[{"startTimeUnixNano":"1787650000000000000","timeUnixNano":"1787650060000000000","asDouble":0.0412,
             "attributes":[{"key":"session.id","value":{"stringValue":"6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11"}},
                           {"key":"model","value":{"stringValue":"claude-sonnet-5"}},
                           {"key":"query_source","value":{"stringValue":"main"}}]}]}},
         {"name":"claude_code.commit.count","sum":{"aggregationTemporality":1,"isMonotonic":true,
           "dataPoints":[{"timeUnixNano":"1787650060000000000","asDouble":1,
             "attributes":[{"key":"session.id","value":{"stringValue":"6b0f3c2e-9d1a-4f5e-8c77-2a1d4e9b0c11"}}]}]}}
        ]}]}]}
      """;

  /**
   * Codex: a completed response whose Display-formatted counts arrive as strings, a streaming event
   * of another kind, a redacted prompt, and a shell call that committed (FORMATS.md §2.2).
   */
  static final String CODEX_LOGS =
      """
      {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"codex_cli_rs"}},
                                                   {"key":"env","value":{"stringValue":"dev"}}]},
       "scopeLogs":[{"scope":{"name":"codex_otel"},"logRecords":[
        {"timeUnixNano":"1787650100000000000","attributes":[
          {"key":"event.name","value":{"stringValue":"codex.sse_event"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:41:40.000Z"}},
          {"key":"event.kind","value":{"stringValue":"response.completed"}},
          {"key":"conversation.id","value":{"stringValue":"0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"}},
          {"key":"user.email","value":{"stringValue":"dev@example.com"}},
          {"key":"model","value":{"stringValue":"gpt-5.3-codex"}},
          {"key":"input_token_count","value":{"stringValue":"1200"}},
          {"key":"output_token_count","value":{"stringValue":"300"}},
          {"key":"cached_token_count","value":{"intValue":"1000"}},
          {"key":"reasoning_token_count","value":{"intValue":"100"}},
          {"key":"tool_token_count","value":{"stringValue":"0"}}]},
        {"timeUnixNano":"1787650100500000000","attributes":[
          {"key":"event.name","value":{"stringValue":"codex.sse_event"}},
          {"key":"event.kind","value":{"stringValue":"response.output_text.delta"}},
          {"key":"conversation.id","value":{"stringValue":"0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"}}]},
        {"timeUnixNano":"1787650090000000000","attributes":[
          {"key":"event.name","value":{"stringValue":"codex.user_prompt"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:41:30.000Z"}},
          {"key":"conversation.id","value":{"stringValue":"0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"}},
          {"key":"prompt_length","value":{"stringValue":"27"}},
          {"key":"prompt","value":{"stringValue":"[REDACTED]"}}]},
        {"timeUnixNano":"1787650110000000000","attributes":[
          {"key":"event.name","value":{"stringValue":"codex.tool_result"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:41:50.000Z"}},
          {"key":"conversation.id","value":{"stringValue":"0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"}},
          {"key":"tool_name","value":{"stringValue":"shell"}},
          {"key":"call_id","value":{"stringValue":"call_7"}},
          {"key":"arguments","value":{"stringValue":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"git commit -m fix\\"]}"}},
          {"key":"success","value":{"stringValue":"true"}},
          {"key":"output","value":{"stringValue":"Exit code: 0\\nOutput:\\n[main 0123abcd] fix the flaky test\\n 1 file changed, 2 insertions(+)\\n"}}]}
       ]}]}]}
      """;

  /**
   * Gemini CLI: one API response, logged as its own event and again as the GenAI convention's event
   * (FORMATS.md §3.2), and a tool call that added lines.
   */
  static final String GEMINI_LOGS =
      """
      {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"gemini-cli"}}]},
       "scopeLogs":[{"scope":{"name":"gemini-cli"},"logRecords":[
        {"timeUnixNano":"1787650860120000000","body":{"stringValue":"API response from gemini-3-pro. Status: 200."},"attributes":[
          {"key":"event.name","value":{"stringValue":"gemini_cli.api_response"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:41:00.120Z"}},
          {"key":"session.id","value":{"stringValue":"5f1c9a0e"}},
          {"key":"installation.id","value":{"stringValue":"a7e2"}},
          {"key":"user.email","value":{"stringValue":"dev@example.com"}},
          {"key":"interactive","value":{"boolValue":true}},
          {"key":"model","value":{"stringValue":"gemini-3-pro"}},
          {"key":"status_code","value":{"intValue":"200"}},
          {"key":"duration_ms","value":{"intValue":"4210"}},
          {"key":"prompt_id","value":{"stringValue":"5f1c9a0e########3"}},
          {"key":"input_token_count","value":{"intValue":"48213"}},
          {"key":"output_token_count","value":{"intValue":"911"}},
          {"key":"cached_content_token_count","value":{"intValue":"40960"}},
          {"key":"thoughts_token_count","value":{"intValue":"350"}},
          {"key":"tool_token_count","value":{"intValue":"0"}},
          {"key":"total_token_count","value":{"intValue":"49474"}},
          {"key":"auth_type","value":{"stringValue":"oauth-personal"}}]},
        {"timeUnixNano":"1787650860120000000","body":{"stringValue":"GenAI operation details from gemini-3-pro."},"attributes":[
          {"key":"event.name","value":{"stringValue":"gen_ai.client.inference.operation.details"}},
          {"key":"session.id","value":{"stringValue":"5f1c9a0e"}},
          {"key":"gen_ai.request.model","value":{"stringValue":"gemini-3-pro"}},
          {"key":"gen_ai.provider.name","value":{"stringValue":"gcp.gemini"}},
          {"key":"gen_ai.operation.name","value":{"stringValue":"generate_content"}},
          {"key":"gen_ai.usage.input_tokens","value":{"intValue":"48213"}},
          {"key":"gen_ai.usage.output_tokens","value":{"intValue":"911"}}]},
        {"timeUnixNano":"1787650870000000000","attributes":[
          {"key":"event.name","value":{"stringValue":"gemini_cli.tool_call"}},
          {"key":"event.timestamp","value":{"stringValue":"2026-08-25T09:41:10.000Z"}},
          {"key":"session.id","value":{"stringValue":"5f1c9a0e"}},
          {"key":"prompt_id","value":{"stringValue":"5f1c9a0e########3"}},
          {"key":"function_name","value":{"stringValue":"replace"}},
          {"key":"function_args","value":{"stringValue":"{\\"file_path\\":\\"a.ts\\",\\"new_string\\":\\"secret code\\"}"}},
          {"key":"metadata","value":{"kvlistValue":{"values":[
            {"key":"model_added_lines","value":{"intValue":"12"}},
            {"key":"model_removed_lines","value":{"intValue":"3"}}]}}}]}
       ]}]}]}
      """;
}
