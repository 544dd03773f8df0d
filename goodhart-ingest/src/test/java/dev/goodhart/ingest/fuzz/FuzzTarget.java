package dev.goodhart.ingest.fuzz;

import dev.goodhart.ingest.Fixtures;
import dev.goodhart.ingest.ParserHarness;
import dev.goodhart.ingest.amp.AmpSource;
import dev.goodhart.ingest.claudecode.ClaudeCodeSource;
import dev.goodhart.ingest.codebuff.CodebuffSource;
import dev.goodhart.ingest.codex.CodexSource;
import dev.goodhart.ingest.copilot.CopilotSource;
import dev.goodhart.ingest.droid.DroidSource;
import dev.goodhart.ingest.gemini.GeminiSource;
import dev.goodhart.ingest.goose.GooseSource;
import dev.goodhart.ingest.grok.GrokSource;
import dev.goodhart.ingest.hermes.HermesSource;
import dev.goodhart.ingest.kimi.KimiSource;
import dev.goodhart.ingest.openclaw.OpenClawSource;
import dev.goodhart.ingest.opencode.OpenCodeSource;
import dev.goodhart.ingest.pi.PiSource;
import dev.goodhart.ingest.qwen.QwenSource;
import dev.goodhart.ingest.zcode.ZCodeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every parser goodhart has, with valid records to grow malformed ones from: the format samples
 * plus hand-written records that carry every field the parser reads (and some non-ASCII text, so
 * that cuts can fall inside a character).
 */
enum FuzzTarget {
  CLAUDE_CODE(
      concat(
          sampleLines(
              "claude_fixture_project-alpha_session-alpha_chat.jsonl",
              "claude_synthetic_realistic_session.jsonl",
              "claude_synthetic_subagent_with_sidechain_replay.jsonl"),
          List.of(
              """
              {"timestamp":"2026-03-01T09:00:02.000Z","sessionId":"s-1","cwd":"/home/dév/プロジェクト","gitBranch":"feature/ü","isSidechain":true,"requestId":"req_1","costUSD":0.0123,"message":{"id":"msg_1","model":"claude-opus-4-6","usage":{"input_tokens":10,"output_tokens":20,"cache_read_input_tokens":30,"cache_creation_input_tokens":40,"cache_creation":{"ephemeral_5m_input_tokens":15,"ephemeral_1h_input_tokens":25},"speed":"fast"}}}""",
              """
              {"timestamp":"2026-03-01T09:00:03Z","message":{"model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":2,"cache_creation":{"ephemeral_5m_input_tokens":3,"ephemeral_1h_input_tokens":4}}}}""",
              """
              {"timestamp":"2026-03-01T09:00:04.123456+02:00","message":{"id":"msg_2","model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}}}""",
              """
              {"type":"user","timestamp":"2026-03-01T09:00:05.000Z","message":{"role":"user","content":"no tokens, ñ"}}""",
              """
              {"type":"user","uuid":"u-1","isMeta":false,"sessionId":"s-1","timestamp":"2026-03-01T09:00:06Z","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"[main 1a2b3c4] fix ü\\n 1 file changed","is_error":false},{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"[feature/ß (root-commit) abcdef0] first"}]}]}}""",
              """
              {"type":"user","timestamp":"2026-03-01T09:00:07Z","message":{"role":"user","content":[{"type":"text","text":"do it again, ç"}]}}""",
              """
              {"timestamp":"2026-03-01T09:00:08Z","requestId":"req_3","message":{"id":"msg_3","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"ok"},{"type":"tool_use","id":"toolu_3","name":"Edit","input":{"file_path":"/a","old_string":"x\\ny","new_string":"x\\nz\\nü"}},{"type":"tool_use","id":"toolu_4","name":"Write","input":{"file_path":"/b","content":"1\\n2\\n"}},{"type":"tool_use","id":"toolu_5","name":"MultiEdit","input":{"edits":[{"old_string":"","new_string":"q"}]}}],"usage":{"input_tokens":1,"output_tokens":2}},"type":"assistant"}""")),
      List.of(
          "timestamp",
          "sessionId",
          "cwd",
          "gitBranch",
          "isSidechain",
          "requestId",
          "costUSD",
          "message",
          "id",
          "model",
          "usage",
          "input_tokens",
          "output_tokens",
          "cache_read_input_tokens",
          "cache_creation_input_tokens",
          "cache_creation",
          "ephemeral_5m_input_tokens",
          "ephemeral_1h_input_tokens",
          "speed",
          "type",
          "uuid",
          "isMeta",
          "role",
          "content",
          "text",
          "tool_use_id",
          "name",
          "input",
          "old_string",
          "new_string",
          "edits"),
      (folder, seeds) ->
          new JsonLinesSubject(
              new ClaudeCodeSource(), "-home-dev-work-alpha/session-1.jsonl", seeds)),

  CODEX(
      concat(
          sampleLines(
              "codex_rollout_synthetic.jsonl",
              "codex_fixture_session-alpha.jsonl",
              "codex_rollout_patches.jsonl"),
          List.of(
              """
              {"timestamp":"2026-03-05T11:00:00.000Z","type":"session_meta","payload":{"id":"0199bbbb-cccc-7ddd-8eee-ffffffffffff","cwd":"/home/dév/β","model_provider":"azure","git":{"branch":"fix/ß","commit_hash":"abc"}}}""",
              """
              {"timestamp":"2026-03-05T11:00:01.000Z","type":"turn_context","payload":{"cwd":"/w","model":"gpt-5.1-codex"}}""",
              """
              {"timestamp":"2026-03-05T11:00:02.000Z","type":"event_msg","payload":{"type":"token_count","info":{"model":"gpt-5.1-codex-max","last_token_usage":{"input_tokens":500,"cached_input_tokens":100,"cache_write_input_tokens":50,"output_tokens":40,"reasoning_output_tokens":60}}}}""",
              """
              {"timestamp":"2026-03-05T11:00:03.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":3.0}}}}""",
              """
              {"timestamp":"2026-03-05T11:00:04.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"fertig, ü"}]}}""",
              """
              {"timestamp":"2026-03-05T11:00:05Z","type":"event_msg","payload":{"type":"user_message","message":"noch einmal, ü"}}""",
              """
              {"timestamp":"2026-03-05T11:00:06Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","call_id":"call_1","input":"*** Begin Patch\\n*** Add File: ü.rs\\n+fn main() {}\\n*** End Patch"}}""",
              """
              {"timestamp":"2026-03-05T11:00:07Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\\\"command\\\":[\\\"apply_patch\\\",\\\"*** Begin Patch\\\\n+ß\\\\n*** End Patch\\\"]}","call_id":"call_2"}}""",
              """
              {"timestamp":"2026-03-05T11:00:08Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_3","output":"{\\\"output\\\":\\\"[fix/ß 0123abc] fix\\\\n\\\",\\\"metadata\\\":{\\\"exit_code\\\":0}}"}}""",
              """
              {"timestamp":"2026-03-05T11:00:09Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","call_id":"call_4","input":"*** Begin Patch\\n*** Update File: src/ä.rs\\n*** Move to: src/b.rs\\n@@ fn a()\\n ctx\\n-let x = 1;\\n+let x = 2;\\n+let y = \\"ü\\";\\n*** End of File\\n*** Delete File: gone.rs\\n*** Add File: /abs/n.rs\\n+new\\n*** End Patch"}}""",
              """
              {"timestamp":"2026-03-05T11:00:10Z","type":"response_item","payload":{"type":"function_call","name":"shell","call_id":"call_5","arguments":"{\\"command\\":[\\"bash\\",\\"-lc\\",\\"cd sub && apply_patch <<'EOF'\\\\n*** Begin Patch\\\\n*** Add File: h.rs\\\\n+hé\\\\n*** End Patch\\\\nEOF\\\\n\\"],\\"workdir\\":\\"/w/ü\\"}"}}""",
              """
              {"timestamp":"2026-03-05T11:00:13Z","type":"response_item","payload":{"type":"local_shell_call","call_id":"call_7","status":"completed","action":{"type":"exec","command":["bash","-lc","apply_patch <<'EOF'\\n*** Begin Patch\\n*** Add File: ö.rs\\n+fn ö() {}\\n*** End Patch\\nEOF"],"timeout_ms":null,"working_directory":"/w/ß","env":null,"user":null}}}""",
              """
              {"timestamp":"2026-03-05T11:00:11Z","type":"event_msg","payload":{"type":"patch_apply_end","call_id":"call_4","turn_id":"t1","stdout":"ok","stderr":"","success":true,"changes":{"/w/src/b.rs":{"type":"update","unified_diff":"@@ -1,2 +1,3 @@\\n fn a()\\n-let x = 1;\\n+let x = 2;\\n+let y = \\"ü\\";\\n","move_path":null}}}}""",
              """
              {"timestamp":"2026-03-05T11:00:12Z","type":"event_msg","payload":{"type":"patch_apply_end","call_id":"call_6","stdout":"","stderr":"","success":true,"changes":{"n.txt":{"type":"add","content":"ñ\\nzwei\\n"},"u.txt":{"update":{"unified_diff":"@@ -1 +1 @@\\n-a\\n+b\\n","move_path":"v.txt"}},"d.txt":"delete","e.txt":{"type":"delete","content":"x"}}}}""")),
      List.of(
          "timestamp",
          "type",
          "payload",
          "id",
          "cwd",
          "model",
          "model_provider",
          "git",
          "branch",
          "info",
          "total_token_usage",
          "last_token_usage",
          "input_tokens",
          "cached_input_tokens",
          "cache_write_input_tokens",
          "output_tokens",
          "reasoning_output_tokens",
          "repository_url",
          "message",
          "output",
          "arguments",
          "call_id",
          "input",
          "success",
          "changes",
          "content",
          "unified_diff",
          "move_path",
          "add",
          "update",
          "action",
          "working_directory"),
      (folder, seeds) ->
          new JsonLinesSubject(
              new CodexSource(),
              "2026/03/05/rollout-2026-03-05T10-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl",
              seeds)),

  GEMINI_LINES(
      concat(
          sampleLines(
              "gemini_chat_record_fixture.jsonl",
              "qwen_chat_record_fixture.jsonl",
              "gemini_chat_record_tool_calls.jsonl"),
          List.of(
              """
              {"sessionId":"gem-7","projectHash":"abc123","startTime":"2026-05-17T11:00:00.000Z"}""",
              """
              {"id":"u1","timestamp":"2026-05-17T11:00:01.000Z","type":"user","content":"hallo, wörld"}""",
              """
              {"id":"g1","timestamp":"2026-05-17T11:00:02.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":40,"thoughts":5,"tool":2,"total":157}}""",
              """
              {"$set":{"sessionId":"gem-8","lastUpdated":"2026-05-17T11:00:03.000Z"}}""",
              """
              {"$rewindTo":"u1"}""",
              """
              {"sessionId":"gem-9","projectHash":"abc123","startTime":"2026-05-17T11:00:00.000Z","directories":["/home/dév/proj","/lib"]}""",
              """
              {"id":"g2","timestamp":"2026-05-17T11:00:03.000Z","type":"gemini","content":"","model":"gemini-3-pro","toolCalls":[{"id":"write_file-1-a","name":"write_file","args":{"file_path":"src/ä.py","content":"def f():\\n\\treturn \\"ü\\"\\n"},"result":[{"functionResponse":{"id":"write_file-1-a","name":"write_file","response":{"output":"ok"}}}],"status":"success","timestamp":"2026-05-17T11:00:05.000Z","displayName":"write_file","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false},{"id":"replace-2-b","name":"replace","args":{"file_path":"/abs/b.py","instruction":"i","old_string":"x = 1\\ny = 2","new_string":"x = 1\\ny = 3","allow_multiple":false},"result":[{"functionResponse":{"id":"replace-2-b","name":"replace","response":{"output":"ok"}}}],"status":"success","timestamp":"2026-05-17T11:00:05.000Z","displayName":"replace","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false},{"id":"replace-3-c","name":"replace","args":{"file_path":"/c","old_string":"a","new_string":"b"},"result":[{"functionResponse":{"id":"replace-3-c","name":"replace","response":{"output":"ok"}}}],"status":"error","timestamp":"2026-05-17T11:00:05.000Z","displayName":"replace","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false}],"tokens":{"input":10,"output":2,"cached":0,"thoughts":0,"tool":0,"total":12}}""",
              """
              {"$set":{"directories":["/other/ß"]}}""")),
      List.of(
          "sessionId",
          "$set",
          "id",
          "timestamp",
          "type",
          "model",
          "tokens",
          "input",
          "output",
          "cached",
          "thoughts",
          "tool",
          "directories",
          "toolCalls",
          "name",
          "args",
          "status",
          "file_path",
          "content",
          "old_string",
          "new_string"),
      (folder, seeds) ->
          new JsonLinesSubject(new GeminiSource(), "abc123/chats/session-1.jsonl", seeds)),

  GEMINI_DOCUMENT(
      List.of(
          """
          {"sessionId":"gem-8","projectHash":"abc123","startTime":"2026-05-17T11:00:00.000Z",
           "messages":[
            {"id":"u1","timestamp":"2026-05-17T11:00:01.000Z","type":"user","content":"hi"},
            {"id":"g1","timestamp":"2026-05-17T11:00:02.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":40,"total":110}},
            {"id":"g2","timestamp":"2026-05-17T11:00:09.000Z","type":"gemini","model":"gemini-3-pro","tokens":{"input":200,"output":20,"cached":0,"thoughts":5,"tool":3,"total":228}}
           ]}""",
          """
          {"sessionId":null,"messages":[{"timestamp":"2026-05-17T11:00:02+01:00","type":"gemini","tokens":{"input":7,"output":1,"cached":7}},{"type":"info","content":"ça marche"}]}""",
          """
          {"sessionId":"gem-9","projectHash":"abc123","messages":[]}""",
          """
          {"sessionId":"gem-10","projectHash":"abc123","messages":[{"id":"g3","timestamp":"2026-05-17T11:00:04.000Z","type":"gemini","content":"","toolCalls":[{"id":"write_file-1-a","name":"write_file","args":{"file_path":"src/ä.py","content":"def f():\\n\\treturn \\"ü\\"\\n"},"result":[{"functionResponse":{"id":"write_file-1-a","name":"write_file","response":{"output":"ok"}}}],"status":"success","timestamp":"2026-05-17T11:00:05.000Z","displayName":"write_file","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false},{"id":"replace-2-b","name":"replace","args":{"file_path":"/abs/b.py","instruction":"i","old_string":"x = 1\\ny = 2","new_string":"x = 1\\ny = 3","allow_multiple":false},"result":[{"functionResponse":{"id":"replace-2-b","name":"replace","response":{"output":"ok"}}}],"status":"success","timestamp":"2026-05-17T11:00:05.000Z","displayName":"replace","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false},{"id":"replace-3-c","name":"replace","args":{"file_path":"/c","old_string":"a","new_string":"b"},"result":[{"functionResponse":{"id":"replace-3-c","name":"replace","response":{"output":"ok"}}}],"status":"error","timestamp":"2026-05-17T11:00:05.000Z","displayName":"replace","description":"","resultDisplay":{"fileDiff":"+x","fileName":"ä.py"},"renderOutputAsMarkdown":false}],"tokens":{"input":5,"output":1,"cached":0,"total":6}}],"directories":["/home/dév/p"]}"""),
      List.of(
          "sessionId",
          "messages",
          "id",
          "timestamp",
          "type",
          "model",
          "tokens",
          "input",
          "output",
          "cached",
          "thoughts",
          "tool",
          "directories",
          "toolCalls",
          "name",
          "args",
          "status",
          "file_path",
          "content",
          "old_string",
          "new_string"),
      (folder, seeds) -> new DocumentSubject(new GeminiSource(), "abc123/chats/session-2.json")),

  OPENCODE(
      List.of(
          ParserHarness.sample("opencode_storage_message_fixture.json"),
          """
          {"id":"msg-2","sessionID":"s","role":"assistant","modelID":"gpt-5","providerID":"openai","time":{"created":1767312000000,"completed":1767312001000},"tokens":{"input":10,"output":5,"reasoning":7,"cache":{"read":0,"write":0}},"cost":0}""",
          """
          {"id":"msg-3","sessionID":"s","role":"user","time":{"created":1767312000000}}""",
          """
          {
            "id": "msg-4",
            "modelID": "qwen3-coder",
            "time": {"created": 1767312000000},
            "tokens": {"input": 3, "output": 4, "cache": {"read": 5, "write": 6}},
            "cost": null,
            "summary": {"title": "übersetzen"}
          }""",
          // A row of opencode.db as OpenCodeDatabase selects it: the id and session put back.
          """
          {"role":"assistant","time":{"created":1767312000000,"completed":1767312004000},"modelID":"claude-sonnet-4-5","providerID":"anthropic","path":{"cwd":"/home/dév/shop","root":"/home/dév"},"cost":0.0412,"tokens":{"input":1200,"output":340,"reasoning":0,"cache":{"read":8000,"write":2000}},"id":"msg_02","sessionID":"ses_01"}""",
          """
          {"role":"assistant","time":{"created":1767397200000},"modelID":"qwen3-coder","providerID":"openrouter","tokens":{"total":777},"id":"msg_04","sessionID":"ses_01"}"""),
      List.of(
          "id",
          "sessionID",
          "providerID",
          "modelID",
          "cost",
          "time",
          "created",
          "tokens",
          "input",
          "output",
          "reasoning",
          "cache",
          "read",
          "write",
          "total",
          "path",
          "cwd",
          "root"),
      (folder, seeds) -> new DocumentSubject(new OpenCodeSource(), "session-a/msg-1.json")),

  OPENCODE_PARTS(
      concat(
          List.of(ParserHarness.sample("opencode_storage_part_tool_fixture.json")),
          List.of(
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"write","state":{"status":"completed","input":{"filePath":"/w/ä.ts","content":"const a = \\"ü\\"\\r\\n\\tb()\\n"},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"edit","state":{"status":"completed","input":{"filePath":"/w/b.py","oldString":"x = 1\\ny = 2","newString":"x = 1\\ny = 3","replaceAll":false},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"multiedit","state":{"status":"completed","input":{"filePath":"/w/c.py","edits":[{"filePath":"/w/c.py","oldString":"p","newString":"q"},{"filePath":"/w/c.py","oldString":"","newString":"r\\ns"}]},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"apply_patch","state":{"status":"completed","input":{"patchText":"*** Begin Patch\\n*** Add File: src/ñ.ts\\n+export {}\\n*** Update File: src/o.ts\\n*** Move to: src/m.ts\\n@@\\n-a()\\n+b()\\n*** Delete File: g.ts\\n*** End Patch"},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"patch","state":{"status":"completed","input":{"patchText":"*** Begin Patch\\n*** Add File: p.ts\\n+p\\n*** End Patch"},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_1","messageID":"msg_1","sessionID":"ses_ü","type":"tool","callID":"call_x","tool":"write","state":{"status":"error","input":{"filePath":"/w/e.ts","content":"e"},"output":"ok","title":"t","metadata":{"diff":"+x"},"time":{"start":1767312000000,"end":1767312001000}}}""",
              """
              {"id":"prt_2","messageID":"msg_1","sessionID":"ses_1","type":"text","text":"ça { marche","time":{"start":1767312000000}}""")),
      List.of(
          "sessionID",
          "type",
          "callID",
          "tool",
          "state",
          "status",
          "input",
          "filePath",
          "content",
          "oldString",
          "newString",
          "edits",
          "patchText",
          "time",
          "start",
          "end"),
      (folder, seeds) -> new DocumentSubject(new OpenCodeSource(), "msg_1/prt_1.json")),

  PI(
      concat(
          sampleLines("pi/session.jsonl"),
          List.of(
              """
              {"type":"session","version":3,"id":"ü-1","timestamp":"2026-03-01T09:00:00Z","cwd":"/home/dév/β","parentSession":"/x.jsonl"}""",
              """
              {"type":"message","id":"f1","timestamp":"2026-03-01T09:00:05+01:00","message":{"role":"assistant","content":[{"type":"toolCall","id":"t1","name":"edit","arguments":{"path":"ä.ts","oldText":"a\\nb","newText":"a\\nç"}},{"type":"toolCall","id":"t2","name":"write","arguments":{"path":"/abs/n.ts","content":"x\\ny\\n"}}],"provider":"google","model":"gemini-2.5-pro","usage":{"input":3,"output":4,"cacheRead":5,"cacheWrite":6,"totalTokens":18,"cost":{"total":0.000123}},"timestamp":1772355605000}}""",
              """
              {"message":{"role":"assistant","model":"m","usage":{"input":1,"output":1},"timestamp":1772355605000}}""")),
      List.of(
          "type",
          "id",
          "timestamp",
          "cwd",
          "provider",
          "modelId",
          "message",
          "role",
          "model",
          "usage",
          "input",
          "output",
          "cacheRead",
          "cacheWrite",
          "totalTokens",
          "cost",
          "total",
          "content",
          "name",
          "arguments",
          "path",
          "oldText",
          "newText"),
      (folder, seeds) ->
          new JsonLinesSubject(
              new PiSource(),
              "--home-dev-work-alpha--/2026-03-01T09-00-00-000Z_0b5e3c1a.jsonl",
              seeds)),

  OPENCLAW(
      concat(
          sampleLines("openclaw/session.jsonl"),
          List.of(
              """
              {"type":"custom","customType":"model-snapshot","data":{"provider":"ø","model":"glm-5"},"id":"c1","timestamp":"2026-01-30T06:20:00Z"}""")),
      List.of(
          "type",
          "customType",
          "data",
          "provider",
          "modelId",
          "model",
          "message",
          "role",
          "usage",
          "input",
          "output",
          "cacheRead",
          "cost",
          "total",
          "timestamp"),
      (folder, seeds) ->
          new JsonLinesSubject(
              new OpenClawSource(), "main/sessions/5f1c2d3e.jsonl.reset.2026-03-20", seeds)),

  KIMI(
      concat(
          sampleLines("kimi/wire.jsonl"),
          List.of(
              """
              {"timestamp":1772355603,"message":{"type":"SubagentEvent","payload":{"agent_id":"ä-1","event":{"type":"StatusUpdate","payload":{"token_usage":{"input_other":1,"output":2,"input_cache_read":3,"input_cache_creation":4,"total":10}}}}}}""",
              """
              {"timestamp":1772355604.000001,"message":{"type":"StatusUpdate","payload":{"token_usage":{"input_other":7,"output":8,"input_cache_read":9,"input_cache_creation":10},"message_id":"ß-3"}}}""",
              """
              {"timestamp":0.5,"message":{"type":"StatusUpdate","payload":{"token_usage":{"output":1},"message_id":null}}}""")),
      List.of(
          "timestamp",
          "message",
          "type",
          "payload",
          "token_usage",
          "input_other",
          "output",
          "input_cache_read",
          "input_cache_creation",
          "total",
          "message_id",
          "agent_id",
          "event"),
      (folder, seeds) ->
          new JsonLinesSubject(
              new KimiSource(), "3f2a8c1e/session-k1/subagents/agent-7/wire.jsonl", seeds)),

  QWEN(
      concat(
          sampleLines("qwen/chat.jsonl", "qwen_chat_record_fixture.jsonl"),
          List.of(
              """
              {"uuid":"ü","sessionId":"s","timestamp":"2026-02-23T14:25:02+02:00","type":"assistant","cwd":"/dév","usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":2,"cachedContentTokenCount":3,"thoughtsTokenCount":1,"toolUsePromptTokenCount":4,"totalTokenCount":16},"model":"qwen3-max"}""",
              """
              {"uuid":"e1","sessionId":"s","timestamp":"2026-02-23T14:25:05Z","type":"assistant","cwd":"/w","message":{"role":"model","parts":[{"text":"ü"},{"functionCall":{"id":"c1","name":"edit","args":{"file_path":"/w/ä.py","old_string":"a\\nb","new_string":"a\\nç","replace_all":false}}},{"functionCall":{"id":"c2","name":"write_file","args":{"file_path":"n.py","content":"x\\n"}}}]},"model":"qwen3-max"}""")),
      List.of(
          "uuid",
          "sessionId",
          "timestamp",
          "type",
          "cwd",
          "gitBranch",
          "model",
          "usageMetadata",
          "promptTokenCount",
          "candidatesTokenCount",
          "cachedContentTokenCount",
          "thoughtsTokenCount",
          "toolUsePromptTokenCount",
          "totalTokenCount",
          "message",
          "parts",
          "functionCall",
          "name",
          "args",
          "file_path",
          "content",
          "old_string",
          "new_string"),
      (folder, seeds) ->
          new JsonLinesSubject(new QwenSource(), "-home-dev-w/chats/qs-1.jsonl", seeds)),

  CODEBUFF(
      List.of(
          ParserHarness.sample("codebuff/chat-messages.json"),
          """
          [{"id":"ü","role":"assistant","createdAt":1767323100,"metadata":{"timestamp":"2026-01-02T03:04:06+01:00","usage":{"input_tokens":1,"output_tokens":2,"cache_read_input_tokens":3,"cache_creation_input_tokens":4,"total_tokens":10,"model":"m"}}}]""",
          "[]"),
      List.of(
          "id",
          "variant",
          "role",
          "timestamp",
          "createdAt",
          "metadata",
          "model",
          "usage",
          "codebuff",
          "runState",
          "sessionState",
          "mainAgentState",
          "messageHistory",
          "providerOptions",
          "inputTokens",
          "outputTokens",
          "prompt_tokens",
          "prompt_tokens_details",
          "cached_tokens",
          "promptTokens",
          "totalTokens"),
      (folder, seeds) ->
          new DocumentSubject(
              new CodebuffSource(), "demo/chats/2026-01-02T03-04-05.000Z/chat-messages.json")),

  COPILOT(
      concat(
          sampleLines("copilot/otel.jsonl"),
          List.of(
              """
              {"type":"span","traceId":"t-ü","spanId":"s","name":"chat m","timeUnixNano":"1775934264000000000","attributes":{"gen_ai.operation.name":"chat","gen_ai.usage.prompt_tokens":10,"gen_ai.usage.completion_tokens":2,"gen_ai.usage.cache_write.input_tokens":1,"gen_ai.usage.reasoning_tokens":1,"gen_ai.usage.total.token_count":12,"copilot_chat.session_id":"sé"}}""",
              """
              {"timestamp":1775934264123,"attributes":{"event.name":"gen_ai.client.inference.operation.details","gen_ai.response.id":"r","gen_ai.usage.input_tokens":"7"},"body":"GenAI inference: m"}""")),
      List.of(
          "type",
          "traceId",
          "spanId",
          "spanContext",
          "name",
          "endTime",
          "startTime",
          "hrTime",
          "timestamp",
          "timeUnixNano",
          "attributes",
          "gen_ai.operation.name",
          "event.name",
          "gen_ai.conversation.id",
          "gen_ai.response.model",
          "gen_ai.usage.input_tokens",
          "gen_ai.usage.output_tokens",
          "gen_ai.usage.cache_read.input_tokens",
          "gen_ai.usage.cache_creation.input_tokens",
          "gen_ai.usage.reasoning.output_tokens",
          "turn.index",
          "_body"),
      (folder, seeds) -> new JsonLinesSubject(new CopilotSource(), "copilot-otel.jsonl", seeds)),

  /** Rows of Goose's sessions table, as GooseSource selects them. */
  GOOSE_ROWS(
      List.of(
          """
          {"id":"20260115_1","working_dir":"/home/dév/garden","created_at":"2026-01-15 08:30:00","provider_name":"anthropic","model_config_json":{"model_name":"claude-sonnet-4-5","context_limit":null,"toolshim":false},"input_tokens":3000,"output_tokens":200,"total_tokens":3200,"accumulated_input_tokens":12000,"accumulated_output_tokens":1500,"accumulated_total_tokens":13900,"accumulated_cost":0.0612}""",
          """
          {"id":"20260115_2","working_dir":"/w","created_at":1768521300,"provider_name":"openai","model_config_json":{"model_name":"gpt-5-mini"},"input_tokens":800,"output_tokens":120,"total_tokens":920,"accumulated_input_tokens":null,"accumulated_output_tokens":null,"accumulated_total_tokens":null,"accumulated_cost":null}""",
          """
          {"id":"20260116_2","working_dir":"/w","created_at":"2026-01-16T10:00:00Z","model_config_json":{"model_name":"qwen2.5-coder:7b"},"accumulated_input_tokens":5000,"accumulated_output_tokens":700,"accumulated_total_tokens":5700}"""),
      List.of(
          "id",
          "working_dir",
          "created_at",
          "provider_name",
          "model_config_json",
          "model_name",
          "input_tokens",
          "output_tokens",
          "total_tokens",
          "accumulated_input_tokens",
          "accumulated_output_tokens",
          "accumulated_total_tokens",
          "accumulated_cost"),
      (folder, seeds) -> new DocumentSubject(new GooseSource(), "sessions.db")),

  /** Rows of Hermes Agent's sessions table, as HermesSource selects them. */
  HERMES_ROWS(
      List.of(
          """
          {"id":"sess_a","model":"claude-sonnet-4-5","billing_provider":"anthropic","started_at":1768467000.5,"cwd":"/home/dév/garden","git_branch":"main","input_tokens":2200,"output_tokens":450,"cache_read_tokens":30000,"cache_write_tokens":4000,"reasoning_tokens":0,"estimated_cost_usd":0.0321,"actual_cost_usd":0.0345}""",
          """
          {"id":"sess_b","model":"openai/gpt-5","billing_provider":"openrouter","started_at":1768525200000,"cwd":null,"git_branch":null,"input_tokens":900,"output_tokens":100,"cache_read_tokens":0,"cache_write_tokens":0,"reasoning_tokens":60,"estimated_cost_usd":0.0042,"actual_cost_usd":null}""",
          """
          {"id":"sess_c","model":"gpt-5","started_at":"2026-01-16 12:00:00","input_tokens":1000,"output_tokens":200,"cache_read_tokens":5000,"estimated_cost_usd":0,"actual_cost_usd":0}"""),
      List.of(
          "id",
          "model",
          "billing_provider",
          "started_at",
          "cwd",
          "git_branch",
          "input_tokens",
          "output_tokens",
          "cache_read_tokens",
          "cache_write_tokens",
          "reasoning_tokens",
          "estimated_cost_usd",
          "actual_cost_usd"),
      (folder, seeds) -> new DocumentSubject(new HermesSource(), "state.db")),

  /** Rows of Grok CLI's usage_events table, as GrokSource selects them. */
  GROK_ROWS(
      List.of(
          """
          {"id":1,"session_id":"6f1d2c3b-0a9e-4d8c-b7a6-5e4f3d2c1b0a","model":"grok-4.3","input_tokens":12000,"output_tokens":800,"total_tokens":12800,"cost_micros":17000,"created_at":"2026-03-10T09:15:02.481Z","cwd":"/home/dév/garden/api","workspace":"/home/dév/garden"}""",
          """
          {"id":"4","session_id":"s-ü","model":"grok-code-fast-1","input_tokens":2000,"output_tokens":100,"total_tokens":2150,"cost_micros":2750,"created_at":"2026-03-11 08:00:00","cwd":null,"workspace":"/w"}""",
          """
          {"id":5,"session_id":"s","model":null,"input_tokens":0,"output_tokens":0,"total_tokens":460,"cost_micros":0,"created_at":1773216005000}"""),
      List.of(
          "id",
          "session_id",
          "model",
          "input_tokens",
          "output_tokens",
          "total_tokens",
          "cost_micros",
          "created_at",
          "cwd",
          "workspace"),
      (folder, seeds) -> new DocumentSubject(new GrokSource(), "grok.db")),

  /** Rows of ZCode's model_usage table, as ZCodeSource selects them. */
  ZCODE_ROWS(
      List.of(
          """
          {"id":"mu_01","session_id":"sess_subagent_1","parent_session_id":"sess_main","directory":"/home/dév/garden","provider_id":"builtin:zai-coding-plan","model_id":"GLM-5.1","started_at":1775093400000,"completed_at":1775093412000,"input_tokens":20000,"output_tokens":900,"reasoning_tokens":300,"cache_read_input_tokens":15000,"cache_creation_input_tokens":1000,"computed_total_tokens":20900}""",
          """
          {"id":"mu_06","session_id":"sess_two","parent_session_id":null,"directory":null,"provider_id":"5d0c7f3e","model_id":"claude-sonnet-4-5","started_at":null,"completed_at":"2026-04-03T08:05:09Z","input_tokens":20,"output_tokens":30,"reasoning_tokens":5,"cache_read_input_tokens":80,"cache_creation_input_tokens":10,"computed_total_tokens":145}""",
          """
          {"id":7,"session_id":"ü","model_id":"glm-4.5-flash","started_at":1775203200,"input_tokens":10,"output_tokens":3,"reasoning_tokens":5,"cache_read_input_tokens":80}"""),
      List.of(
          "id",
          "session_id",
          "parent_session_id",
          "directory",
          "provider_id",
          "model_id",
          "started_at",
          "completed_at",
          "input_tokens",
          "output_tokens",
          "reasoning_tokens",
          "cache_read_input_tokens",
          "cache_creation_input_tokens",
          "computed_total_tokens"),
      (folder, seeds) -> new DocumentSubject(new ZCodeSource(), "cli/db/db.sqlite")),

  AMP(
      List.of(
          Fixtures.script("amp/T-0b6a6d0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.json"),
          Fixtures.script("amp/T-7f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.json"),
          """
          {"id":"T-3","messages":[{"role":"assistant","messageId":"7","timestamp":1769076000000,"model":"gpt-5","usage":{"inputTokens":3,"outputTokens":1,"cacheReadInputTokens":9}}],"usageLedger":{"events":[]},"title":"ça"}"""),
      List.of(
          "id",
          "messages",
          "role",
          "messageId",
          "timestamp",
          "model",
          "usage",
          "inputTokens",
          "outputTokens",
          "cacheCreationInputTokens",
          "cacheReadInputTokens",
          "totalTokens",
          "usageLedger",
          "events",
          "toMessageId",
          "tokens",
          "input",
          "output",
          "total"),
      (folder, seeds) -> new DocumentSubject(new AmpSource(), "threads/T-1.json")),

  DROID(
      List.of(
          Fixtures.script(
              "droid/-home-dev-notes/4c1d0b7e-2f6a-4d9e-9b3a-7e8f9a0b1c2d.settings.json"),
          Fixtures.script(
              "droid/-home-dev-notes/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d.settings.json"),
          """
          {"model":"custom:Qwen 3 Coder [Fireworks]","providerLock":"fireworks","providerLockTimestamp":"2026-01-25T10:00:00+01:00","tokenUsage":{"totalTokens":1234},"title":"übersicht"}"""),
      List.of(
          "model",
          "providerLock",
          "providerLockTimestamp",
          "tokenUsage",
          "inputTokens",
          "outputTokens",
          "cacheCreationTokens",
          "cacheReadTokens",
          "thinkingTokens",
          "totalTokens"),
      (folder, seeds) -> new DocumentSubject(new DroidSource(), "p/s-1.settings.json")),

  PRICE_FILES(
      List.of(
          """
          {"sample_spec":{"max_tokens":"set to max","input_cost_per_token":0},
           "claude-sonnet-9":{"input_cost_per_token":3e-06,"output_cost_per_token":1.5e-05,
             "cache_read_input_token_cost":3e-07,"cache_creation_input_token_cost":3.75e-06,
             "input_cost_per_token_above_200k_tokens":6e-06,"output_cost_per_token_above_200k_tokens":2.25e-05,
             "cache_read_input_token_cost_above_200k_tokens":6e-07,
             "cache_creation_input_token_cost_above_200k_tokens":7.5e-06,
             "provider_specific_entry":{"fast":6}},
           "dall-e-3":{"output_cost_per_pixel":0.0001}}""",
          """
          {"claude-opus-9":{"id":"claude-opus-9","name":"Claude Opus 9 – ünïcode","cost":{"input":15,"output":75,"cache_read":1.5,"cache_write":18.75}}}""",
          """
          {"anthropic":{"id":"anthropic","models":{"claude-sonnet-9":{"id":"claude-sonnet-9",
            "cost":{"input":3,"output":15,"cache_read":0.3,"cache_write":3.75,
                    "context_over_200k":{"input":6,"output":22.5,"cache_read":0.6,"cache_write":7.5}}}}},
           "openai":{"models":{"gpt-9":{"cost":{"input":1.25,"output":10}}}}}"""),
      List.of(
          "input_cost_per_token",
          "output_cost_per_token",
          "cache_read_input_token_cost",
          "cache_creation_input_token_cost",
          "input_cost_per_token_above_200k_tokens",
          "output_cost_per_token_above_200k_tokens",
          "cache_read_input_token_cost_above_200k_tokens",
          "cache_creation_input_token_cost_above_200k_tokens",
          "provider_specific_entry",
          "fast",
          "cost",
          "models",
          "input",
          "output",
          "cache_read",
          "cache_write",
          "context_over_200k"),
      (folder, seeds) -> new PriceFileSubject(folder));

  private final List<String> seeds;
  private final List<String> fields;
  private final SubjectFactory subjects;

  FuzzTarget(List<String> seeds, List<String> fields, SubjectFactory subjects) {
    this.seeds = seeds;
    this.fields = fields;
    this.subjects = subjects;
  }

  /** How a target feeds its parser: a subject made for a folder, with the target's seeds. */
  @FunctionalInterface
  interface SubjectFactory {
    Subject create(Path folder, List<String> seeds);
  }

  /** Valid records of the format: every one of them reads without complaint. */
  List<String> seeds() {
    return seeds;
  }

  /** The corpus of malformed records grown from the seeds, aimed at the fields the parser reads. */
  MalformedRecords corpus() {
    return new MalformedRecords(seeds, fields);
  }

  /** The parser, fed the way goodhart feeds it; {@code folder} is for files the subject writes. */
  Subject subject(Path folder) {
    return subjects.create(folder, seeds);
  }

  private static List<String> sampleLines(String... samples) {
    return Arrays.stream(samples)
        .flatMap(name -> ParserHarness.sample(name).lines())
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
