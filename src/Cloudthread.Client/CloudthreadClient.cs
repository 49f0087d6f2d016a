using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Cloudthread.Client.Http;
using Cloudthread.Client.Models;
using Cloudthread.Client.Operations;
using Cloudthread.Client.Validation;

namespace Cloudthread.Client
{
    /// <summary>
    /// The typed Cloudthread API client: one method per operation, over one shared <see cref="ApiTransport"/>.
    /// Thread-safe; create one per connection and reuse it. Validates input client-side before sending
    /// (<see cref="CloudthreadValidationException"/>), surfaces server errors as <see cref="CloudthreadApiException"/>.
    /// Custom-data ingestion lives in CloudthreadClient.CustomData.cs.
    /// </summary>
    /// <remarks>
    /// Each operation is: build the request (validation included) and parse the answer, both pure functions in
    /// Operations/, joined here by a send. Nothing is sent when validation fails.
    /// </remarks>
    public sealed partial class CloudthreadClient : IDisposable
    {
        private readonly ApiTransport _transport;
        private readonly Func<ApiRequest, CancellationToken, Task<ApiResponse>> _send;

        public CloudthreadClient(CloudthreadClientOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new ApiTransport(options);
            _send = _transport.SendAsync;
        }

        /// <summary>For tests: every typed operation goes through <paramref name="send"/> instead of the network.</summary>
        internal CloudthreadClient(CloudthreadClientOptions options, Func<ApiRequest, CancellationToken, Task<ApiResponse>> send)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = new ApiTransport(options);
            _send = send ?? throw new ArgumentNullException(nameof(send));
        }

        public CloudthreadClientOptions Options { get; }

        internal ApiTransport Transport => _transport;

        public async Task CreateEventsAsync(IReadOnlyList<CloudthreadEvent> events, CancellationToken cancellationToken = default)
        {
            var request = EventsApi.BuildCreate(events, Options.TimestampFormat);
            await _send(request, cancellationToken).ConfigureAwait(false);
        }

        public Task<IReadOnlyList<Tag>> GetTagCatalogAsync(string catalogKey, CancellationToken cancellationToken = default) =>
            CallAsync(() => TagCatalogApi.BuildGet(catalogKey), TagCatalogApi.Parse, cancellationToken);

        public Task<IReadOnlyList<CostViewDataPoint>> GetCostViewDataAsync(string costViewId, MetricQuery query, CancellationToken cancellationToken = default) =>
            CallAsync(
                () => MetricsApi.BuildCostView(costViewId, query),
                (request, response) => MetricsApi.ParseCostView(request, response, costViewId, query.Granularity),
                cancellationToken);

        public Task<IReadOnlyList<UnitMetricDataPoint>> GetUnitMetricDataAsync(string unitMetricId, MetricQuery query, CancellationToken cancellationToken = default) =>
            CallAsync(
                () => MetricsApi.BuildUnitMetric(unitMetricId, query),
                (request, response) => MetricsApi.ParseUnitMetric(request, response, unitMetricId, query.Granularity),
                cancellationToken);

        public Task<IReadOnlyList<User>> GetUsersAsync(CancellationToken cancellationToken = default) =>
            CallAsync(UsersApi.BuildList, UsersApi.ParseList, cancellationToken);

        /// <summary>(ext) POST /users. A 404/405 answer becomes NotSupported with "invite users in the web app".</summary>
        public async Task<User> CreateUserAsync(NewUserRequest user, CancellationToken cancellationToken = default)
        {
            var request = UsersApi.BuildCreate(user);
            ApiResponse response;
            try
            {
                response = await _send(request, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudthreadApiException error) when (UsersApi.MapCreateFailure(error) is { } notSupported)
            {
                throw notSupported;
            }

            return UsersApi.ParseOne(request, response);
        }

        public Task<IReadOnlyList<Team>> GetTeamsAsync(CancellationToken cancellationToken = default) =>
            CallAsync(TeamsApi.BuildList, TeamsApi.ParseList, cancellationToken);

        public Task<Team> GetTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
            CallAsync(() => TeamsApi.BuildGet(teamId), (request, response) => TeamsApi.ParseOne(request, response), cancellationToken);

        public Task<Team> CreateTeamAsync(Team team, CancellationToken cancellationToken = default) =>
            CallAsync(() => TeamsApi.BuildCreate(team), (request, response) => TeamsApi.ParseOne(request, response, team), cancellationToken);

        /// <summary>Reads the team, applies the non-null fields of <paramref name="update"/>, PATCHes the whole team.</summary>
        public async Task<Team> UpdateTeamAsync(string teamId, TeamUpdate update, CancellationToken cancellationToken = default)
        {
            TeamValidator.ValidateUpdate(teamId, update);
            var current = await GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
            var merged = TeamsApi.Merge(current, update);
            // The path names the team asked for, whatever id spelling the server echoed.
            return await CallAsync(
                () => TeamsApi.BuildUpdate(teamId, merged), (request, response) => TeamsApi.ParseOne(request, response, merged), cancellationToken)
                .ConfigureAwait(false);
        }

        public async Task DeleteTeamAsync(string teamId, CancellationToken cancellationToken = default)
        {
            var request = TeamsApi.BuildDelete(teamId);
            await _send(request, cancellationToken).ConfigureAwait(false);
        }

        public Task<IReadOnlyList<User>> GetTeamMembersAsync(string teamId, CancellationToken cancellationToken = default) =>
            CallAsync(() => TeamsApi.BuildListMembers(teamId), UsersApi.ParseList, cancellationToken);

        /// <summary>POST /teams/{id}/members/assign; answers the member list.</summary>
        public Task<IReadOnlyList<User>> AddTeamMembersAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
            CallAsync(() => TeamsApi.BuildAddMembers(teamId, userIds), UsersApi.ParseList, cancellationToken);

        /// <summary>POST /teams/{id}/members/delete; answers the member list.</summary>
        public Task<IReadOnlyList<User>> RemoveTeamMembersAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
            CallAsync(() => TeamsApi.BuildRemoveMembers(teamId, userIds), UsersApi.ParseList, cancellationToken);

        /// <summary>
        /// POST /teams/{id}/members/assign, keeping the good users when the server refuses some: it then changes
        /// nothing, so the others are sent again without them (see <see cref="TeamMemberChange"/>). Throws when the
        /// request fails as a whole (unknown team, 401, 5xx...).
        /// </summary>
        public Task<TeamMemberChange> AddTeamMembersEachAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
            ChangeMembersEachAsync(teamId, userIds, TeamsApi.BuildAddMembers, cancellationToken);

        /// <summary>POST /teams/{id}/members/delete, keeping the good users when the server refuses some (as <see cref="AddTeamMembersEachAsync"/>).</summary>
        public Task<TeamMemberChange> RemoveTeamMembersEachAsync(string teamId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
            ChangeMembersEachAsync(teamId, userIds, TeamsApi.BuildRemoveMembers, cancellationToken);

        private async Task<TeamMemberChange> ChangeMembersEachAsync(
            string teamId, IReadOnlyList<string> userIds, Func<string, IReadOnlyList<string>, ApiRequest> build, CancellationToken cancellationToken)
        {
            // Built once first: a blank team id or an empty list is the caller's mistake, thrown as it is.
            _ = build(teamId, userIds);
            IReadOnlyList<User>? members = null;
            var outcomes = await RejectedItemIsolation.SendAsync(
                userIds,
                async (ids, token) =>
                {
                    var request = build(teamId, ids);
                    var response = await _send(request, token).ConfigureAwait(false);
                    members = UsersApi.ParseList(request, response);
                },
                BlamesUsers,
                cancellationToken).ConfigureAwait(false);

            var refusals = new List<Refusal<string>>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Error is { } error)
                {
                    if (outcomes.Count == 1 && !BlamesUsers(error))
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
                    }

                    refusals.Add(new Refusal<string>(outcome.Items, error));
                }
            }

            return new TeamMemberChange(members, refusals);
        }

        /// <summary>A refusal about the users (UserNotFound...), not the team, which no split would fix.</summary>
        private static bool BlamesUsers(CloudthreadException error) =>
            RejectedItemIsolation.IsItemLevel(error) && !(error is CloudthreadApiException { ErrorCode: "TeamNotFound" });

        public Task<IReadOnlyList<SavingsOpportunity>> GetSavingsOpportunitiesAsync(SavingsOpportunityQuery query, CancellationToken cancellationToken = default) =>
            CallAsync(() => OpportunitiesApi.BuildList(query), OpportunitiesApi.ParseList, cancellationToken);

        /// <summary>
        /// Any request, with the same auth, retries and errors (Invoke-CtApiRequest). <paramref name="path"/> is
        /// relative to the base URI; <paramref name="jsonBody"/> (JSON text, e.g. from <see cref="CloudthreadJson.Serialize(object?)"/>)
        /// is sent as application/json. GET, PUT, DELETE,
        /// HEAD and OPTIONS are retried as idempotent; POST and PATCH only when the server cannot have processed them.
        /// </summary>
        public Task<ApiRawResponse> SendAsync(string method, string path, IReadOnlyDictionary<string, string>? query = null, string? jsonBody = null, CancellationToken cancellationToken = default) =>
            CallAsync(() => RawApi.Build(method, path, query, jsonBody), (_, response) => RawApi.Parse(response), cancellationToken);

        /// <summary>Any request, with headers and, when asked, 4xx/5xx answers returned instead of thrown (Invoke-CtApiRequest).</summary>
        public Task<ApiRawResponse> SendAsync(ApiRawRequest request, CancellationToken cancellationToken = default) =>
            CallAsync(() => RawApi.Build(request ?? throw new ArgumentNullException(nameof(request))), (_, response) => RawApi.Parse(response), cancellationToken);

        /// <summary>
        /// One operation: build (validation included), send, parse. <paramref name="build"/> runs inside the returned
        /// task, so a validation error surfaces when the task is awaited, as from any async method, and nothing is sent.
        /// </summary>
        private async Task<T> CallAsync<T>(Func<ApiRequest> build, Func<ApiRequest, ApiResponse, T> parse, CancellationToken cancellationToken)
        {
            var request = build();
            var response = await _send(request, cancellationToken).ConfigureAwait(false);
            return parse(request, response);
        }

        public void Dispose() => _transport.Dispose();
    }
}
