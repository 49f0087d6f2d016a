using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;

namespace Cloudthread.Client
{
    /// <summary>
    /// The typed Cloudthread API client: one method per operation, over one shared <see cref="ApiTransport"/>.
    /// Thread-safe; create one per connection and reuse it. Validates input client-side before sending
    /// (<see cref="CloudthreadValidationException"/>), surfaces server errors as <see cref="CloudthreadApiException"/>.
    /// Custom-data ingestion lives in CloudthreadClient.CustomData.cs.
    /// </summary>
    public sealed partial class CloudthreadClient : IDisposable
    {
        private readonly ApiTransport _transport;

        public CloudthreadClient(CloudthreadClientOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new ApiTransport(options);
        }

        public CloudthreadClientOptions Options { get; }

        internal ApiTransport Transport => _transport;

        public Task CreateEventsAsync(IReadOnlyList<CloudthreadEvent> events, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<Tag>> GetTagCatalogAsync(string catalogKey, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<CostViewDataPoint>> GetCostViewDataAsync(string costViewId, MetricQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<UnitMetricDataPoint>> GetUnitMetricDataAsync(string unitMetricId, MetricQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<User>> GetUsersAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>(ext) POST /users. A 404/405 answer becomes NotSupported with "invite users in the web app".</summary>
        public Task<User> CreateUserAsync(NewUserRequest user, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<Team>> GetTeamsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<Team> GetTeamAsync(string teamId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<Team> CreateTeamAsync(Team team, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>Reads the team, applies the non-null fields of <paramref name="update"/>, PATCHes the whole team.</summary>
        public Task<Team> UpdateTeamAsync(string teamId, TeamUpdate update, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task DeleteTeamAsync(string teamId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<User>> GetTeamMembersAsync(string teamId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>POST /teams/{id}/members/assign; answers the member list.</summary>
        public Task<IReadOnlyList<User>> AddTeamMembersAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>POST /teams/{id}/members/delete; answers the member list.</summary>
        public Task<IReadOnlyList<User>> RemoveTeamMembersAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<IReadOnlyList<SavingsOpportunity>> GetSavingsOpportunitiesAsync(SavingsOpportunityQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        /// <summary>
        /// Any request, with the same auth, retries and errors (Invoke-CtApiRequest). <paramref name="path"/> is
        /// relative to the base URI; <paramref name="jsonBody"/> is sent as application/json. GET, PUT, DELETE,
        /// HEAD and OPTIONS are retried as idempotent; POST and PATCH only when the server cannot have processed them.
        /// </summary>
        public Task<ApiRawResponse> SendAsync(string method, string path, IReadOnlyDictionary<string, string>? query = null, string? jsonBody = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public void Dispose() => _transport.Dispose();
    }
}
