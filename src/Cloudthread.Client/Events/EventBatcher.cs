using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client.Events
{
    /// <summary>
    /// Streams events into POST /events requests of at most <see cref="BatchSize"/> events. Each event is checked on
    /// <see cref="Add"/>: an invalid one is returned to the caller and never sent, so one bad item loses nothing else.
    /// Not thread-safe: one producer (e.g. one pipeline) per instance.
    /// </summary>
    public sealed class EventBatcher
    {
        /// <summary>Events per request.</summary>
        public const int DefaultBatchSize = 500;

        private readonly CloudthreadClient _client;
        private List<QueuedEvent> _pending = new List<QueuedEvent>();
        private int _nextIndex;

        public EventBatcher(CloudthreadClient client, int batchSize = DefaultBatchSize)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            if (batchSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");
            }

            BatchSize = batchSize;
        }

        public int BatchSize { get; }

        public int PendingCount => _pending.Count;

        /// <summary>The events queued and not yet sent (what a stop leaves behind, certainly not stored).</summary>
        public IReadOnlyList<QueuedEvent> Pending => _pending;

        /// <summary>The events of the request being sent, if any (what a stop leaves undecided: they may have been stored).</summary>
        public IReadOnlyList<QueuedEvent> InFlight { get; private set; } = Array.Empty<QueuedEvent>();

        /// <summary>True when a full batch is waiting: call <see cref="SendPendingAsync"/>.</summary>
        public bool IsBatchFull => _pending.Count >= BatchSize;

        /// <summary>
        /// Takes the next input item. Returns null when the event is valid and queued, else the report of why it is
        /// not (nothing is queued). Every call counts as one input position, valid or not.
        /// </summary>
        public InvalidEvent? Add(CloudthreadEvent? item, object? input)
        {
            var index = _nextIndex++;
            var issues = new ValidationIssueList();
            EventValidator.ValidateItem(item, index, issues);
            if (issues.Count > 0)
            {
                return new InvalidEvent(index, item, input, new CloudthreadValidationException(issues.Issues.ToArray()));
            }

            _pending.Add(new QueuedEvent(index, item!, input));
            return null;
        }

        /// <summary>
        /// Sends up to <see cref="BatchSize"/> queued events in one request (events are not idempotent: the client
        /// retries only a request the server did not process). Null when nothing is queued. A refused request is
        /// returned with its events, not thrown, so the caller can report it and carry on with the next batch; when
        /// the server blames some events (it then stores none), the others are sent again without them.
        /// </summary>
        public async Task<EventBatchResult?> SendPendingAsync(CancellationToken cancellationToken = default)
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            List<QueuedEvent> batch;
            if (_pending.Count <= BatchSize)
            {
                batch = _pending;
                _pending = new List<QueuedEvent>();
            }
            else
            {
                batch = _pending.GetRange(0, BatchSize);
                _pending.RemoveRange(0, BatchSize);
            }

            // Until the answer, the batch is in flight: a stop now leaves it undecided (InFlight), not "not stored".
            InFlight = batch;
            var outcomes = await RejectedItemIsolation.SendAsync<QueuedEvent>(
                batch,
                (events, token) => _client.CreateEventsAsync(events.Select(e => e.Event).ToList(), token),
                RejectedItemIsolation.IsItemLevel,
                cancellationToken).ConfigureAwait(false);
            InFlight = Array.Empty<QueuedEvent>();
            var stored = new List<QueuedEvent>();
            var refusals = new List<Refusal<QueuedEvent>>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Error is null)
                {
                    stored.AddRange(outcome.Items);
                }
                else
                {
                    refusals.Add(new Refusal<QueuedEvent>(outcome.Items, outcome.Error));
                }
            }

            return new EventBatchResult(batch, stored, refusals);
        }
    }
}
