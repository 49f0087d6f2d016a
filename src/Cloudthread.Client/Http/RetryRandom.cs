using System;

namespace Cloudthread.Client.Http
{
    /// <summary>Thread-safe source of jitter in [0, 1). Tests substitute a fixed value.</summary>
    internal static class RetryRandom
    {
        private static readonly Random Shared = new Random();

        public static readonly Func<double> Default = Next;

        private static double Next()
        {
            lock (Shared)
            {
                return Shared.NextDouble();
            }
        }
    }
}
