import MesosRecordIO
import Testing
@testable import MesosHTTPClient

@Suite(.timeLimit(.minutes(1))) struct HTTPClientStreamingTests {
    @Test func chunksArriveBeforeTheServerWroteTheLastOne() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.stream(HTTPRequest(url: server.url("/stream")))
            #expect(response.status == 200)
            var iterator = response.body.makeAsyncIterator()
            let first = try await iterator.next()
            #expect(first == "first;".bytes)
            // The server holds its later chunks until this gate opens: the first chunk was
            // delivered while the response was still in progress.
            #expect(!server.probe.streamWroteLastChunk.isOpen)
            server.probe.streamGate.open()
            var rest: [UInt8] = []
            while let chunk = try await iterator.next() {
                rest += chunk
            }
            #expect(rest == "second;third".bytes)
            #expect(server.probe.streamWroteLastChunk.isOpen)
        }
    }

    @Test func cancellingTheConsumerAbortsTheTransferPromptly() async throws {
        try await withServerAndClient { server, client in
            let (chunksSeen, chunkSeen) = AsyncStream<Void>.makeStream()
            let consumer = Task {
                let response = try await client.stream(HTTPRequest(url: server.url("/endless")))
                for try await _ in response.body {
                    chunkSeen.yield()
                }
            }
            var seen = 0
            for await _ in chunksSeen {
                seen += 1
                if seen == 3 { break }
            }
            let (outcome, elapsed) = await measure { () -> Result<Void, any Error> in
                consumer.cancel()
                return await consumer.result
            }
            #expect(elapsed < .seconds(15), "cancelling ends the transfer at once, not at some later limit")
            #expect(throws: HTTPClientError.cancelled) { try outcome.get() }
            #expect(await server.probe.clientWentAway.wait(timeout: .seconds(10)), "the server saw the connection close")
        }
    }

    @Test func droppingTheBodyAbortsTheTransfer() async throws {
        try await withServerAndClient { server, client in
            do {
                let response = try await client.stream(HTTPRequest(url: server.url("/endless")))
                var iterator = response.body.makeAsyncIterator()
                #expect(try await iterator.next() != nil)
            }  // response, body and iterator released here
            #expect(await server.probe.clientWentAway.wait(timeout: .seconds(10)))
        }
    }

    @Test func explicitCancelEndsTheBody() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.stream(HTTPRequest(url: server.url("/endless")))
            var iterator = response.body.makeAsyncIterator()
            #expect(try await iterator.next() != nil)
            response.cancel()
            await #expect(throws: HTTPClientError.cancelled) { _ = try await iterator.next() }
            #expect(try await iterator.next() == nil)
            #expect(await server.probe.clientWentAway.wait(timeout: .seconds(10)))
        }
    }

    @Test func cancellingWhileWaitingForTheHeadReturnsPromptly() async throws {
        try await withServerAndClient { server, client in
            let waiting = Task { try await client.stream(HTTPRequest(url: server.url("/slow"))) }
            try await Task.sleep(for: .milliseconds(200))
            let (outcome, elapsed) = await measure { () -> Result<HTTPStreamingResponse, any Error> in
                waiting.cancel()
                return await waiting.result
            }
            #expect(elapsed < .seconds(15), "cancelling ends the transfer at once, not at some later limit")
            #expect(throws: HTTPClientError.cancelled) { try outcome.get() }
        }
    }

    @Test func alreadyCancelledTaskDoesNotSend() async throws {
        try await withServerAndClient { server, client in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.execute(HTTPRequest(url: server.url("/echo")))
            }
            await #expect(throws: HTTPClientError.cancelled) { try await task.value }
        }
    }

    @Test func slowConsumerPausesTheTransferThenReceivesEverything() async throws {
        let configuration = HTTPClientConfiguration(streamBufferLimit: 256 * 1024)
        try await withServerAndClient(configuration: configuration) { server, client in
            let total = TestServer.firehoseChunkSize * TestServer.firehoseChunkCount
            let response = try await client.stream(HTTPRequest(url: server.url("/firehose")))
            var iterator = response.body.makeAsyncIterator()
            var received = try await iterator.next() ?? []

            // The consumer stalls: the server must get stuck well before it wrote everything,
            // because the client stops reading once its buffer is full.
            var previous = -1
            var written = server.probe.firehoseWritten.current
            while written != previous, written < total {
                try await Task.sleep(for: .milliseconds(300))
                previous = written
                written = server.probe.firehoseWritten.current
            }
            // Socket buffers on loopback and the server's own outbound buffer can hold several MB,
            // so "stuck" means: stalled before the end of the 32 MB (without pausing, curl would
            // read everything into memory and the server would finish).
            #expect(written < total, "the server wrote \(written) of \(total) bytes to a stalled client")

            while let chunk = try await iterator.next() {
                received += chunk
            }
            #expect(received.count == total)
            let expectedChunk = { (index: Int) in UInt8(index % 251) }
            let corrupt = stride(from: 0, to: total, by: TestServer.firehoseChunkSize).first { offset in
                let index = offset / TestServer.firehoseChunkSize
                return received[offset] != expectedChunk(index)
                    || received[offset + TestServer.firehoseChunkSize - 1] != expectedChunk(index)
            }
            #expect(corrupt == nil, "bytes arrive intact and in order across pauses")
        }
    }

    @Test func recordIOEventsAreDecodedFromAStreamedResponse() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.stream(HTTPRequest(url: server.url("/events")))
            #expect(response.headers["Content-Type"] == "application/json")
            var events: [String] = []
            for try await record in response.body.recordIORecords() {
                events.append(String(decoding: record, as: UTF8.self))
            }
            #expect(events == TestServer.events)
        }
    }
}
